using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Mart.Data;
using Mart.Messaging;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Apis;

/// <summary>
/// <c>PUT /products/{id}</c>: replaces the catalog fields. <c>If-Match</c> is required (428 without it), so a client
/// cannot overwrite a change it has not seen; a stale tag gets 412.
/// </summary>
public static class UpdateProduct
{
    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id,
        JsonBody<UpdateProductRequest> body,
        HttpRequest request,
        HttpResponse response,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var input = body.Value;
        var errors = new FieldErrors();
        errors.AddUnknown(input.UnknownFields);
        var sku = ProductFields.Sku(input.Sku, errors);
        var name = ProductFields.Name(input.Name, errors);
        var description = ProductFields.Description(input.Description, errors);
        var price = ProductFields.Price(input.Price, errors);
        var currency = ProductFields.Currency(input.Currency, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        try
        {
            return await db.InTransactionAsync(ct => ReplaceAsync(id, ifMatch, (sku!, name!, description, price!.Value, currency!), response, db, outbox, timeProvider, ct), cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsDuplicateSku())
        {
            return ProductProblems.DuplicateSku(sku!);
        }
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id,
        string ifMatch,
        (string Sku, string Name, string Description, decimal Price, string Currency) fields,
        HttpResponse response,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (sku, name, description, price, currency) = fields;
        var product = await db.LockAsync(id, cancellationToken);
        if (product is null || product.DeletedAt is not null)
        {
            return ProductProblems.NotFound(id);
        }

        if (ifMatch.Length == 0)
        {
            return ProductProblems.PreconditionRequired();
        }

        if (!ProductETag.Matches(ifMatch, product.Version))
        {
            return ProductProblems.PreconditionFailed();
        }

        var changed = product.Sku != sku || product.Name != name || product.Description != description
            || product.Price != price || product.Currency != currency;
        if (changed)
        {
            product.Sku = sku;
            product.Name = name;
            product.Description = description;
            product.Price = price;
            product.Currency = currency;
            product.UpdatedAt = timeProvider.GetDatabaseNow();
            outbox.Enqueue(db, ProductEvents.Updated(product));

            // Saved here, not by the commit, so the answer carries the new row version. A duplicate SKU
            // aborts the transaction and is answered by the caller.
            await db.SaveChangesAsync(cancellationToken);
        }

        response.Headers.ETag = ProductETag.Format(product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }
}
