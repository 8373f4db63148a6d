using Microsoft.EntityFrameworkCore;

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
        var afterCreated = after?.CreatedAt ?? DateTimeOffset.MinValue;
        var afterOrder = after?.OrderId ?? Guid.Empty;
        var rows = await db.Database.SqlQuery<StaleOrder>($"""
                SELECT order_id AS "OrderId", min(created_at) AS "CreatedAt" FROM stock_reservations
                WHERE status = {ReservationStatus.Reserved} AND created_at < {cutoff}
                GROUP BY order_id
                HAVING (min(created_at), order_id) > ({afterCreated}, {afterOrder})
                ORDER BY min(created_at), order_id
                LIMIT {batchSize}
                """)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => (row.OrderId, row.CreatedAt))];
    }

    /// <summary>
    /// Locks the order's held reservations and returns their units; skips rows another transaction (an event settling
    /// the order right now) has locked, so the result is empty then. Must run inside a transaction.
    /// </summary>
    public static Task<List<int>> LockHeldUnitsAsync(this ProductsDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Held reservations are locked inside a transaction.");
        return db.Database.SqlQuery<int>($"""
                SELECT quantity AS "Value" FROM stock_reservations
                WHERE order_id = {orderId} AND status = {ReservationStatus.Reserved}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
    }

    private sealed record StaleOrder(Guid OrderId, DateTimeOffset CreatedAt);
}
