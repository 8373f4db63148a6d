using Mart.Products.Apis;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Caching;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Caching;

/// <summary>Reads single live products through the Redis cache; every change removes the entry (see <see cref="ProductCacheInvalidator"/>).</summary>
public sealed class ProductReader(IMartCache cache, IServiceScopeFactory scopes)
{
    /// <summary>
    /// A bound on staleness should an invalidation be lost (Redis down at that moment) or race a load that read the row
    /// just before the change committed.
    /// </summary>
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>The live product, or null when it does not exist or was deleted. Misses are cached too; creation and deletion remove them.</summary>
    public Task<CachedProduct?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(ProductCacheKeys.For(id), ct => LoadAsync(id, ct), TimeToLive, cancellationToken);

    // A scope of its own: concurrent readers share this load, so it must not use a request's DbContext that the
    // first reader's request may dispose while others still wait.
    private async Task<CachedProduct?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        var product = await db.Products.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        return product is null ? null : new CachedProduct(ProductResponse.From(product), ProductETag.Format(product.Version));
    }
}
