using Mart.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Data;

/// <summary>The orders' queries EF's LINQ cannot express, as SQL an EF query builds on.</summary>
public static class OrderReads
{
    /// <summary>Orders older than the keyset position (<paramref name="createdAt"/>, <paramref name="id"/>).</summary>
    /// <remarks>A row comparison walks the (created_at, id) index exactly from that position on.</remarks>
    public static IQueryable<Order> Before(OrdersDbContext db, DateTimeOffset createdAt, Guid id) =>
        db.Orders.FromSql($"SELECT *, xmin FROM orders WHERE (created_at, id) < ({createdAt}, {id})");

    /// <summary>
    /// Locks up to <paramref name="limit"/> orders still pending or awaiting payment that were placed before
    /// <paramref name="cutoff"/>, oldest first, untracked. Rows another transaction holds are skipped.
    /// </summary>
    public static Task<List<Order>> LockOpenBeforeAsync(OrdersDbContext db, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        db.Orders
            .FromSql($"""
                SELECT *, xmin FROM orders
                WHERE status IN ({OrderStatus.Pending.ToName()}, {OrderStatus.AwaitingPayment.ToName()}) AND created_at < {cutoff}
                ORDER BY created_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
}
