using Mart.Data;
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
    public static Task<Product?> LockAsync(this ProductsDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Products.ForUpdate().SingleOrDefaultAsync(product => product.Id == id, cancellationToken);

    /// <summary>
    /// Locks the products among <paramref name="ids"/> that exist, deleted or not, in id order, in the same round trip
    /// as the check that <paramref name="orderId"/> has no stock decision yet: when it has one, nothing is locked and the
    /// result is empty. Untracked: the ledger writes stock as SQL (<see cref="StockWrites"/>).
    /// </summary>
    public static async Task<Dictionary<Guid, Product>> LockManyUndecidedAsync(this ProductsDbContext db, IEnumerable<Guid> ids, Guid orderId, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        var rows = new Dictionary<Guid, Product>(idArray.Length);
        if (idArray.Length == 0)
        {
            return rows;
        }

        await foreach (var product in LockUndecided(db, idArray, orderId).WithCancellation(cancellationToken))
        {
            rows.Add(product.Id, product);
        }

        return rows;
    }

    // Compiled once: every order.placed runs it, and a LINQ query is looked up in EF's cache by its whole expression tree
    // on every call.
    private static readonly Func<ProductsDbContext, Guid[], Guid, IAsyncEnumerable<Product>> LockUndecided = EF.CompileAsyncQuery<ProductsDbContext, Guid[], Guid, Product>(
        (ProductsDbContext db, Guid[] ids, Guid orderId) => db.Products.AsNoTracking().TagWith(RowLocks.Tag)
            .Where(product => ids.Contains(product.Id) && !db.Decisions.Any(decision => decision.OrderId == orderId))
            .OrderBy(product => product.Id));
}
