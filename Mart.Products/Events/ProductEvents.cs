using Mart.Contracts;
using Mart.Products.Data;

namespace Mart.Products.Events;

/// <summary>The catalog events of a product, as published on <c>mart.products</c>.</summary>
public static class ProductEvents
{
    public static ProductCreated Created(Product product) => new()
    {
        ProductId = product.Id.ToString(),
        Name = product.Name,
        Description = product.Description,
        Price = Money.FromDecimal(product.Price, product.Currency),
        OnHand = product.OnHand,
    };

    public static ProductUpdated Updated(Product product) => new()
    {
        ProductId = product.Id.ToString(),
        Name = product.Name,
        Description = product.Description,
        Price = Money.FromDecimal(product.Price, product.Currency),
        OnHand = product.OnHand,
    };

    public static ProductDeleted Deleted(Product product) => new() { ProductId = product.Id.ToString() };
}
