namespace Mart.Orders.Catalog;

/// <summary>The products Products knows, and the ids it does not (unknown or deleted: they cannot be ordered).</summary>
public sealed record CatalogLookup(IReadOnlyDictionary<Guid, CatalogProduct> Found, IReadOnlyList<Guid> Missing);
