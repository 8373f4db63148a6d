using System.Data.Common;
using System.Runtime.CompilerServices;
using Mart.Products.Data;
using Mart.ServiceDefaults.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Products.Caching;

/// <summary>
/// Removes the cached copy of every product a unit of work changed, once that work has committed: from this replica's
/// memory, from Redis, and (over the cache's backplane) from the other replicas' memory. Removing before the
/// commit would let a reader cache the old row again in between; a reader that read it just before the commit can
/// still do so, and <see cref="SettledRemovals"/> removes that copy a second or two later. Products saved through EF
/// are found in the change tracker; rows changed by SQL can be added with <see cref="Changed"/>.
/// </summary>
public sealed class ProductCacheInvalidator(IFusionCache cache, SettledRemovals settledRemovals) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Products changed by a context whose transaction has not committed yet; weak, so disposed contexts vanish.
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = [];

    /// <summary>Marks <paramref name="productId"/> changed by <paramref name="db"/>'s current unit of work.</summary>
    public void Changed(DbContext db, Guid productId)
    {
        var ids = pending.GetOrCreateValue(db);
        lock (ids)
        {
            ids.Add(productId);
        }
    }

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

    private void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<Product>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Changed(db, entry.Entity.Id);
            }
        }
    }

    private async Task FlushAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!pending.TryGetValue(db, out var ids))
        {
            return;
        }

        pending.Remove(db);
        Guid[] changed;
        lock (ids)
        {
            changed = [.. ids];
        }

        // The data is committed whatever happens here, so the removal is not cancelled with the caller. The cache does
        // not throw for Redis failures: it drops the value from memory at once and retries the rest once Redis is back.
        // Side by side: the removals of an order's products share round trips to Redis.
        await Task.WhenAll(changed.Select(id => cache.RemoveAsync(ProductCacheKeys.For(id), token: CancellationToken.None).AsTask()));
        foreach (var id in changed)
        {
            settledRemovals.Schedule(ProductCacheKeys.For(id));
        }
    }
}
