namespace Mart.Products.Caching;

/// <summary>Cache keys of products (the service prefix is added by the cache).</summary>
public static class ProductCacheKeys
{
    public static string For(Guid productId) => "product:" + productId.ToString("N");
}
