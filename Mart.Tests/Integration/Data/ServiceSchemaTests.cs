using Mart.Data;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Mart.Tests.Integration.Data;

/// <summary>
/// Each service's own migration scripts, read from the source tree, applied to a fresh database: they must run,
/// run only once, and their constraints must hold the rules the services rely on.
/// </summary>
[Collection("servers")]
public sealed class ServiceSchemaTests(ServersFixture servers)
{
    [Theory]
    [InlineData("Mart.Products")]
    [InlineData("Mart.Orders")]
    [InlineData("Mart.Payments")]
    [InlineData("Mart.Market")]
    public async Task Service_scripts_apply_once(string service)
    {
        var database = await servers.CreateDatabaseAsync("schema");
        var scripts = ServiceScripts.Of(service);

        var first = await Migrator(database).MigrateAsync(scripts, CancellationToken.None);
        var second = await Migrator(database).MigrateAsync(scripts, CancellationToken.None);

        Assert.Equal(scripts.Select(script => script.Version), first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Products_stock_cannot_be_over_reserved_or_negative_and_sku_is_unique()
    {
        var database = await MigratedAsync("Mart.Products");
        const string Insert = """
            INSERT INTO products (id, sku, name, price, currency, on_hand, reserved, created_at, updated_at)
            VALUES (gen_random_uuid(), @sku, 'Bolt', 1.50, 'EUR', @on_hand, @reserved, now(), now())
            """;

        await ExecuteAsync(database, Insert, ("sku", "B-1"), ("on_hand", 5), ("reserved", 5));

        await AssertViolationAsync(PostgresErrorCodes.UniqueViolation, database, Insert, ("sku", "B-1"), ("on_hand", 1), ("reserved", 0));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, Insert, ("sku", "B-2"), ("on_hand", 1), ("reserved", 2));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, Insert, ("sku", "B-3"), ("on_hand", 0), ("reserved", -1));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, "UPDATE products SET reserved = reserved + 1 WHERE sku = 'B-1'");
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, "UPDATE products SET currency = 'eur' WHERE sku = 'B-1'");
    }

    [Fact]
    public async Task Orders_totals_must_add_up_and_history_belongs_to_an_order()
    {
        var database = await MigratedAsync("Mart.Orders");
        var order = Guid.CreateVersion7();
        const string Insert = """
            INSERT INTO orders (id, customer_id, status, reason, currency, subtotal, fee, total, created_at, updated_at)
            VALUES (@id, 'c-1', @status, 'placed', 'EUR', 10.00, 2.00, @total, now(), now())
            """;

        await ExecuteAsync(database, Insert, ("id", order), ("status", "pending"), ("total", 12.00m));
        await ExecuteAsync(database, """
            INSERT INTO order_lines (order_id, line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            VALUES (@id, 1, gen_random_uuid(), 'B-1', 'Bolt', 2.50, 4, 10.00)
            """, ("id", order));

        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, Insert, ("id", Guid.CreateVersion7()), ("status", "pending"), ("total", 13.00m));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, Insert, ("id", Guid.CreateVersion7()), ("status", "shipped"), ("total", 12.00m));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database, """
            INSERT INTO order_lines (order_id, line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            VALUES (@id, 2, gen_random_uuid(), 'B-2', 'Nut', 1.00, 0, 0.00)
            """, ("id", order));
        await AssertViolationAsync(PostgresErrorCodes.ForeignKeyViolation, database,
            "INSERT INTO order_status_history (order_id, to_status, reason, occurred_at) VALUES (gen_random_uuid(), 'pending', 'placed', now())");
    }

    [Fact]
    public async Task Payments_allow_one_payment_per_order()
    {
        var database = await MigratedAsync("Mart.Payments");
        const string Insert = """
            INSERT INTO payments (id, order_id, amount, currency, status, gateway, created_at, updated_at)
            VALUES (gen_random_uuid(), @order, 12.00, 'EUR', 'pending', 'simulated', now(), now())
            """;
        var order = Guid.CreateVersion7();

        await ExecuteAsync(database, Insert, ("order", order));

        await AssertViolationAsync(PostgresErrorCodes.UniqueViolation, database, Insert, ("order", order));
        await AssertViolationAsync(PostgresErrorCodes.CheckViolation, database,
            "UPDATE payments SET status = 'failed' WHERE order_id = @order", ("order", order));
    }

    [Fact]
    public async Task Market_keeps_one_quote_per_symbol_and_time()
    {
        var database = await MigratedAsync("Mart.Market");
        const string Insert = """
            INSERT INTO quotes (symbol, quoted_at, price, provider, fetched_at)
            VALUES ('AAPL', '2026-01-02T15:30:00Z', 187.123456, 'simulated', now())
            """;

        await ExecuteAsync(database, Insert);

        await AssertViolationAsync(PostgresErrorCodes.UniqueViolation, database, Insert);
    }

    private async Task<string> MigratedAsync(string service)
    {
        var database = await servers.CreateDatabaseAsync("schema");
        await Migrator(database).MigrateAsync(ServiceScripts.Of(service), CancellationToken.None);
        return database;
    }

    private static SqlMigrator Migrator(string connectionString) => ServiceScripts.Migrator(connectionString);

    private static async Task AssertViolationAsync(string sqlState, string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString, sql, parameters));
        Assert.Equal(sqlState, error.SqlState);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
