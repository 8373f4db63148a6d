using Npgsql;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>Reads stock straight from the products database, bypassing the API and its cache.</summary>
public static class StockDatabase
{
    public static async Task<(int OnHand, int Reserved)> StockAsync(string connectionString, Guid productId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT on_hand, reserved FROM products WHERE id = $1", connection);
        command.Parameters.AddWithValue(productId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"product {productId} is not in the database");
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The order's reservations as product id -> (quantity, status).</summary>
    public static async Task<Dictionary<Guid, (int Quantity, string Status)>> ReservationsAsync(string connectionString, Guid orderId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT product_id, quantity, status FROM stock_reservations WHERE order_id = $1", connection);
        command.Parameters.AddWithValue(orderId);
        await using var reader = await command.ExecuteReaderAsync();
        var reservations = new Dictionary<Guid, (int, string)>();
        while (await reader.ReadAsync())
        {
            reservations[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetString(2));
        }

        return reservations;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(50);
        }
    }
}
