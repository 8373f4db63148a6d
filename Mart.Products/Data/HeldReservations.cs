using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Products.Data;

/// <summary>The reads of reservations still held, for the sweep that settles those whose settling event never came.</summary>
public static class HeldReservations
{
    /// <summary>
    /// Up to <paramref name="batchSize"/> orders holding units reserved before <paramref name="cutoff"/>, oldest first,
    /// after <paramref name="after"/> (where the previous batch stopped).
    /// </summary>
    public static async Task<List<(Guid OrderId, DateTimeOffset CreatedAt)>> StaleOrdersAsync(
        this ProductsDbContext db, DateTimeOffset cutoff, (DateTimeOffset CreatedAt, Guid OrderId)? after, int batchSize, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var query = new NpgsqlCommand(
                """
                SELECT order_id, min(created_at) FROM stock_reservations
                WHERE status = @status AND created_at < @cutoff
                GROUP BY order_id
                HAVING (min(created_at), order_id) > (@after_created, @after_order)
                ORDER BY min(created_at), order_id
                LIMIT @batch_size
                """,
                connection);
            query.Parameters
                .Bind("status", ReservationStatus.Reserved)
                .Bind("cutoff", cutoff)
                .Bind("after_created", after?.CreatedAt ?? DateTimeOffset.MinValue)
                .Bind("after_order", after?.OrderId ?? Guid.Empty)
                .Bind("batch_size", batchSize);
            var rows = new List<(Guid, DateTimeOffset)>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Locks the order's held reservations and returns their units, skipping rows another transaction (an event
    /// settling the order right now) has locked: empty then.
    /// </summary>
    public static async Task<List<int>> LockHeldUnitsAsync(this ProductsDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var query = new NpgsqlCommand(
            """
            SELECT quantity FROM stock_reservations
            WHERE order_id = @order_id AND status = @status
            FOR UPDATE SKIP LOCKED
            """,
            transaction.Connection,
            transaction);
        query.Parameters.Bind("order_id", orderId).Bind("status", ReservationStatus.Reserved);
        var units = new List<int>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(reader.GetInt32(0));
        }

        return units;
    }
}
