namespace Mart.Products.Apis;

/// <summary>Answer of <c>POST /products/lookup</c>.</summary>
/// <param name="Items">The live products among the ids asked for, in the order asked.</param>
/// <param name="Missing">Ids that are unknown or whose product was deleted: they cannot be ordered.</param>
public sealed record LookupProductsResponse(IReadOnlyList<ProductResponse> Items, IReadOnlyList<Guid> Missing);
