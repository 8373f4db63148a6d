namespace Mart.Products.Apis;

/// <summary>One page of the catalog.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> (with the same sort and filters) for the next page; null on the last page.</param>
public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, string? NextCursor);
