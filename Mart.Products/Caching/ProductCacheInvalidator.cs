using System.Data.Common;
using System.Runtime.CompilerServices;
using Mart.Data.Caching;
using Mart.Products.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Products.Caching;

/// <summary>
/// Removes the cached copies of every product a unit of work changed, once it has committed (a removal before the
/// commit would let a reader cache the old row again; <see cref="SettledRemovals"/> covers a read racing the commit).
/// EF's saves are found in the change tracker, SQL writes are handed over by <see cref="StockWrites"/>: one flush for
/// both. The catalog entry goes only when one of its fields changes, so reservations leave prices cached.
/// </summary>
public sealed class ProductCacheInvalidator(IFusionCache cache, SettledRemovals settledRemovals) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The product properties a catalog entry is made of (see CatalogEntry), and the soft delete that ends it.
    private static readonly string[] CatalogEntryProperties =
        [nameof(Product.Sku), nameof(Product.Name), nameof(Product.Price), nameof(Product.Currency), nameof(Product.DeletedAt)];

    // Keys to remove once the transaction of the context that changed them commits; weak, so disposed contexts vanish.
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await FlushAsync(db, cancellationToken);
        }

        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            pending.Remove(db);
        }

        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await FlushAsync(db, cancellationToken);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            pending.Remove(db);
        }

        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            pending.Remove(db);
        }
    }

    /// <summary>Stock of <paramref name="productIds"/> written as SQL in <paramref name="db"/>'s unit of work: the whole products go on commit.</summary>
    public void StockChanged(DbContext db, IEnumerable<Guid> productIds)
    {
        var keys = pending.GetOrCreateValue(db);
        lock (keys)
        {
            foreach (var id in productIds)
            {
                keys.Add(ProductCacheKeys.For(id));
            }
        }
    }

    private void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        HashSet<string>? keys = null;
        foreach (var entry in db.ChangeTracker.Entries<Product>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            keys ??= pending.GetOrCreateValue(db);
            lock (keys)
            {
                keys.Add(ProductCacheKeys.For(entry.Entity.Id));
                if (entry.State != EntityState.Modified || CatalogEntryProperties.Any(name => entry.Property(name).IsModified))
                {
                    keys.Add(ProductCacheKeys.CatalogEntryFor(entry.Entity.Id));
                }
            }
        }
    }

    private async Task FlushAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!pending.TryGetValue(db, out var keys))
        {
            return;
        }

        pending.Remove(db);
        string[] changed;
        lock (keys)
        {
            changed = [.. keys];
        }

        // The data is committed whatever happens here, so the removal is not cancelled with the caller. The cache does
        // not throw for Redis failures: it drops the value from memory at once and retries the rest once Redis is back.
        // Side by side: the removals of an order's products share round trips to Redis.
        await Task.WhenAll(changed.Select(key => cache.RemoveAsync(key, token: CancellationToken.None).AsTask()));
        foreach (var key in changed)
        {
            settledRemovals.Schedule(key);
        }
    }
}
