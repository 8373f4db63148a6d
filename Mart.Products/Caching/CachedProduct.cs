using Mart.Products.Apis;

namespace Mart.Products.Caching;

/// <summary>What the cache holds for a live product: its representation and the ETag that goes with it.</summary>
public sealed record CachedProduct(ProductResponse Product, string ETag);
