namespace Mart.Products.Apis;

/// <summary>
/// What an order is priced from: a live product without its stock. Stock changes with every order and does not change
/// this, so it stays cached while orders flow; only a change to the product itself removes it.
/// </summary>
public sealed record CatalogEntry(Guid Id, string Sku, string Name, decimal Price, string Currency);
