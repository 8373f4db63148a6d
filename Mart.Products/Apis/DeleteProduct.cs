using Mart.Data;
using Mart.Messaging;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.Products.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Apis;

/// <summary>
/// <c>DELETE /products/{id}</c>: a soft delete. The product disappears from the catalog and can no longer be ordered;
/// reservations already made still settle (commit, release, restock). <c>If-Match</c> is optional here: when sent it
/// must match (412 otherwise). Deleting a product already deleted is 404.
/// </summary>
public static class DeleteProduct
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id,
        HttpRequest request,
        ProductsDbContext db,
        IOutbox outbox,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        return await db.InTransactionAsync<Results<NoContent, ProblemHttpResult>>(async ct =>
        {
            var product = await db.LockAsync(id, ct);
            if (product is null || product.DeletedAt is not null)
            {
                return ProductProblems.NotFound(id);
            }

            if (ifMatch.Length > 0 && !ProductETag.Matches(ifMatch, product.Version))
            {
                return ProductProblems.PreconditionFailed();
            }

            var now = timeProvider.GetDatabaseNow();
            product.DeletedAt = now;
            product.UpdatedAt = now;
            outbox.Enqueue(db, ProductEvents.Deleted(product));
            return TypedResults.NoContent();
        }, cancellationToken);
    }
}
