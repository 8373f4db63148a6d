using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Data;

/// <summary>
/// Row locks on products (<c>SELECT ... FOR UPDATE</c>), so a check such as "enough stock" and the change that
/// depends on it see the same row. Several rows are always locked in id order, so two transactions locking
/// overlapping sets cannot deadlock. Must run inside a transaction.
/// </summary>
public static class ProductLocks
{
    /// <summary>Locks and tracks one product, deleted or not; null when the id is unknown.</summary>
    public static async Task<Product?> LockAsync(this ProductsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        // xmin is a system column, so "*" does not include it; EF needs it for the concurrency token.
        var rows = await db.Products
            .FromSql($"SELECT *, xmin FROM products WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// As <see cref="LockManyAsync"/>, in the same round trip as the check that <paramref name="orderId"/> has no stock
    /// decision yet: when it has one, nothing is locked and the result is empty.
    /// </summary>
    public static async Task<Dictionary<Guid, Product>> LockManyUndecidedAsync(this ProductsDbContext db, IEnumerable<Guid> ids, Guid orderId, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        if (idArray.Length == 0)
        {
            return [];
        }

        var rows = await db.Products
            .FromSql($"""
                SELECT *, xmin FROM products
                WHERE id = ANY({idArray}) AND NOT EXISTS (SELECT 1 FROM stock_decisions WHERE order_id = {orderId})
                ORDER BY id FOR UPDATE
                """)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(product => product.Id);
    }

    /// <summary>Locks and tracks the products among <paramref name="ids"/> that exist, deleted or not, in id order.</summary>
    public static async Task<Dictionary<Guid, Product>> LockManyAsync(this ProductsDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        if (idArray.Length == 0)
        {
            return [];
        }

        var rows = await db.Products
            .FromSql($"SELECT *, xmin FROM products WHERE id = ANY({idArray}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(product => product.Id);
    }
}
