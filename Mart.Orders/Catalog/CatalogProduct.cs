namespace Mart.Orders.Catalog;

/// <summary>The part of Products' product representation (<c>GET /products/{id}</c>) an order needs.</summary>
public sealed record CatalogProduct(Guid Id, string Sku, string Name, decimal Price, string Currency);
