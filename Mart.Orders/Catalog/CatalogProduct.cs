namespace Mart.Orders.Catalog;

/// <summary>A product as Products prices it for an order (its catalog entry, from <c>POST /products/lookup</c>).</summary>
public sealed record CatalogProduct(Guid Id, string Sku, string Name, decimal Price, string Currency);
