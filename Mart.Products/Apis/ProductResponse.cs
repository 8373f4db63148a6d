using Mart.Products.Data;

namespace Mart.Products.Apis;

/// <summary>A product as the API shows it.</summary>
/// <param name="Available">On hand minus reserved: what can still be ordered.</param>
public sealed record ProductResponse(
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
    DateTimeOffset UpdatedAt)
{
    public static ProductResponse From(Product product) => new(
        product.Id,
        product.Sku,
        product.Name,
        product.Description,
        product.Price,
        product.Currency,
        product.OnHand,
        product.Reserved,
        product.Available,
        product.CreatedAt,
        product.UpdatedAt);
}
