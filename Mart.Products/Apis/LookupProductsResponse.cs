namespace Mart.Products.Apis;

/// <summary>Answer of <c>POST /products/lookup</c>.</summary>
/// <param name="Items">The live products among the ids asked for, in the order asked, with what an order is priced from
/// (stock is read with <c>GET /products/{id}</c>: a lookup reserves nothing).</param>
/// <param name="Missing">Ids that are unknown or whose product was deleted: they cannot be ordered.</param>
public sealed record LookupProductsResponse(IReadOnlyList<CatalogEntry> Items, IReadOnlyList<Guid> Missing);
