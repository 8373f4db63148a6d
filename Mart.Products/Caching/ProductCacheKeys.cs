namespace Mart.Products.Caching;

/// <summary>Cache keys of products (the service prefix is added by the cache).</summary>
public static class ProductCacheKeys
{
    /// <summary>The whole product with its stock and ETag (<c>GET /products/{id}</c>).</summary>
    public static string For(Guid productId) => "product:" + productId.ToString("N");

    /// <summary>The product's <see cref="Apis.CatalogEntry"/> (<c>POST /products/lookup</c>); stock changes leave it.</summary>
    public static string CatalogEntryFor(Guid productId) => "catalog:" + productId.ToString("N");
}
