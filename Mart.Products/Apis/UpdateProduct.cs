using Mart.Data;
using Mart.Messaging;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
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
        var errors = new FieldErrors();
        if (ProductFields.Catalog(body.Value, errors) is not { } fields)
        {
            return errors.ToProblem();
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        try
        {
            return await db.InTransactionAsync(ct => ReplaceAsync(id, ifMatch, fields, response, db, outbox, timeProvider, ct), cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsDuplicateSku())
        {
            return ProductProblems.DuplicateSku(fields.Sku);
        }
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id,
        string ifMatch,
        CatalogFields fields,
        HttpResponse response,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
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

        if (fields != new CatalogFields(product.Sku, product.Name, product.Description, product.Price, product.Currency))
        {
            product.Sku = fields.Sku;
            product.Name = fields.Name;
            product.Description = fields.Description;
            product.Price = fields.Price;
            product.Currency = fields.Currency;
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
