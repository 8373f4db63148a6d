using Mart.Data;
using Mart.Messaging;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Apis;

/// <summary><c>POST /products</c>: adds a product and announces it (product.created, through the outbox).</summary>
public static class CreateProduct
{
    public static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        JsonBody<CreateProductRequest> body,
        HttpResponse response,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var fields = ProductFields.Catalog(body.Value, errors);
        var onHand = ProductFields.OnHand(body.Value.OnHand, errors);
        if (fields is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var now = timeProvider.GetDatabaseNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(now),
            Sku = fields.Sku,
            Name = fields.Name,
            Description = fields.Description,
            Price = fields.Price,
            Currency = fields.Currency,
            OnHand = onHand,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Products.Add(product);
        outbox.Enqueue(db, ProductEvents.Created(product));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsDuplicateSku())
        {
            return ProductProblems.DuplicateSku(product.Sku);
        }

        response.Headers.ETag = ProductETag.Format(product.Version);
        return TypedResults.Created($"/products/{product.Id}", ProductResponse.From(product));
    }
}
