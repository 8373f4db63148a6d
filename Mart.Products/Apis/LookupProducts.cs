using Mart.Products.Caching;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary><c>POST /products/lookup</c>: the catalog entries of many products in one call (every line of an order being placed).</summary>
public static class LookupProducts
{
    public static async Task<Results<Ok<LookupProductsResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        JsonBody<LookupProductsRequest> body,
        ProductReader reader,
        CancellationToken cancellationToken)
    {
        var input = body.Value;
        var errors = new FieldErrors();
        errors.AddUnknown(input.UnknownFields);
        if (input.Ids is null)
        {
            errors.Add("ids", "The list of ids is required.");
        }
        else if (input.Ids.Count > ProductLimits.MaxLookupIds)
        {
            errors.Add("ids", $"At most {ProductLimits.MaxLookupIds} ids can be looked up at once.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // The catalog entries through the cache: memory first, then Redis (side by side), misses to the database. Orders
        // keep them warm, since reservations do not remove them.
        var ids = input.Ids!.Distinct().ToArray();
        var reads = new ValueTask<CatalogEntry?>[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            reads[i] = reader.GetCatalogEntryAsync(ids[i], cancellationToken);
        }

        var entries = new CatalogEntry?[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            entries[i] = await reads[i];
        }

        return TypedResults.Ok(new LookupProductsResponse(
            [.. entries.OfType<CatalogEntry>()],
            [.. ids.Where((_, i) => entries[i] is null)]));
    }
}
