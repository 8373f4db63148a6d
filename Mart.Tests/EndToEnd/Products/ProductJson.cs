namespace Mart.Tests.EndToEnd.Products;

/// <summary>A product as the products API returns it.</summary>
public sealed record ProductJson(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    decimal Price,
    string Currency,
    int OnHand,
    int Reserved,
    int Available,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A catalog page.</summary>
public sealed record ProductPageJson(List<ProductJson> Items, string? NextCursor);

/// <summary>A product as POST /products/lookup returns it: what an order is priced from.</summary>
public sealed record CatalogEntryJson(Guid Id, string Sku, string Name, decimal Price, string Currency);

/// <summary>The answer of POST /products/lookup.</summary>
public sealed record ProductLookupJson(List<CatalogEntryJson> Items, List<Guid> Missing);
