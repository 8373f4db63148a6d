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
/// <c>POST /products/{id}/stock</c>: adds to or removes from on-hand stock, recording the reason. On-hand can never drop
/// below what is reserved for orders (409), which also keeps it from going negative.
/// </summary>
public static class AdjustStock
{
    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id,
        JsonBody<AdjustStockRequest> body,
        HttpResponse response,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var input = body.Value;
        var errors = new FieldErrors();
        errors.AddUnknown(input.UnknownFields);
        if (input.Delta is not { } delta)
        {
            errors.Add("delta", "The delta is required.");
        }
        else if (delta == 0)
        {
            errors.Add("delta", "The delta must not be zero.");
        }
        else if (Math.Abs((long)delta) > ProductLimits.MaxOnHand)
        {
            errors.Add("delta", $"The delta must be between -{ProductLimits.MaxOnHand} and {ProductLimits.MaxOnHand}.");
        }

        var reason = ProductFields.Reason.Check(input.Reason, "reason", errors);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var change = input.Delta!.Value;

        // Chosen before the transaction, so a commit whose answer was lost can be recognised by its row.
        var adjustmentId = Guid.CreateVersion7(timeProvider.GetUtcNow());
        return await db.InTransactionAsync<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>>(
            async ct =>
            {
                var product = await db.LockAsync(id, ct);
                if (product is null || product.DeletedAt is not null)
                {
                    return ProductProblems.NotFound(id);
                }

                var onHand = (long)product.OnHand + change;
                if (onHand < product.Reserved)
                {
                    return ProductProblems.StockConflict(
                        $"On hand is {product.OnHand} with {product.Reserved} reserved for orders; removing {-change} would leave {onHand}, below what is reserved.");
                }

                if (onHand > ProductLimits.MaxOnHand)
                {
                    return ProductProblems.StockConflict($"On hand is {product.OnHand}; adding {change} would exceed the maximum of {ProductLimits.MaxOnHand}.");
                }

                var now = timeProvider.GetDatabaseNow();
                product.OnHand = (int)onHand;
                product.UpdatedAt = now;
                db.Adjustments.Add(new StockAdjustment
                {
                    Id = adjustmentId,
                    ProductId = product.Id,
                    Delta = change,
                    Reason = reason!,
                    OnHandAfter = product.OnHand,
                    CreatedAt = now,
                });
                outbox.Enqueue(db, ProductEvents.Updated(product));

                // Saved here, not by the commit, so the answer carries the new row version.
                await db.SaveChangesAsync(ct);
                response.Headers.ETag = ProductETag.Format(product.Version);
                return TypedResults.Ok(ProductResponse.From(product));
            },
            async ct =>
            {
                if (!await db.Adjustments.AnyAsync(a => a.Id == adjustmentId, ct))
                {
                    return new(false, default!);
                }

                // Applied: answer with the product as it is now, as a GET after the adjustment would.
                var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == id, ct);
                response.Headers.ETag = ProductETag.Format(product.Version);
                return new(true, TypedResults.Ok(ProductResponse.From(product)));
            },
            cancellationToken);
    }
}
