using Mart.Data.Caching;
using Mart.Products.Apis;
using Mart.Products.Data;
using Mart.Products.Domain;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Products.Caching;

/// <summary>
/// Reads single live products through the cache (this replica's memory, then Redis): whole, or as the catalog entry an
/// order is priced from. Every change removes the whole product everywhere, and a change to anything but stock removes
/// the catalog entry too (see <see cref="ProductCacheInvalidator"/>).
/// </summary>
public sealed class ProductReader(IFusionCache cache, IServiceScopeFactory scopes)
{
    /// <summary>How long Redis keeps an entry: the bound on staleness should an invalidation be lost (memory keeps it for less).</summary>
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    // Built once from the cache's defaults: a hit then allocates no options of its own.
    private readonly FusionCacheEntryOptions entryOptions = cache.DefaultEntryOptions.Duplicate().SetDuration(TimeToLive);

    /// <summary>The live product, or null when it does not exist or was deleted. Misses are cached too; creation and deletion remove them.</summary>
    public ValueTask<CachedProduct?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<CachedProduct?>(ProductCacheKeys.For(id), (_, ct) => LoadAsync(id, ct), entryOptions, cancellationToken);

    /// <summary>
    /// The live product's catalog entry, or null when it does not exist or was deleted. Orders price from it: it stays
    /// cached however often the stock moves, where the whole product is removed by every reservation.
    /// </summary>
    public ValueTask<CatalogEntry?> GetCatalogEntryAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<CatalogEntry?>(ProductCacheKeys.CatalogEntryFor(id), (_, ct) => LoadCatalogEntryAsync(id, ct), entryOptions, cancellationToken);

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

    private async Task<CatalogEntry?> LoadCatalogEntryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        return await db.Products.AsNoTracking()
            .Where(p => p.Id == id && p.DeletedAt == null)
            .Select(p => new CatalogEntry(p.Id, p.Sku, p.Name, p.Price, p.Currency))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
