namespace Mart.Products.Apis;

/// <summary>The catalog fields a product is created or replaced with, checked and normalized.</summary>
public sealed record CatalogFields(string Sku, string Name, string Description, decimal Price, string Currency);
