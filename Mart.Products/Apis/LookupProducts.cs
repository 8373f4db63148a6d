using Mart.Products.Caching;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary><c>POST /products/lookup</c>: many products in one call (e.g. every line of an order being placed).</summary>
public static class LookupProducts
{
    public static async Task<Results<Ok<LookupProductsResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        ProductReader reader,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LookupProductsRequest>(request, cancellationToken);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }

        if (body.Refused is { } refused)
        {
            return refused;
        }

        var input = body.Value!;
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

        // Through the cache, as GET /products/{id} reads: memory first, then Redis (side by side), misses to the database.
        var ids = input.Ids!.Distinct().ToArray();
        var products = await Task.WhenAll(ids.Select(id => reader.GetAsync(id, cancellationToken).AsTask()));
        return TypedResults.Ok(new LookupProductsResponse(
            [.. products.OfType<CachedProduct>().Select(product => product.Product)],
            [.. ids.Where((_, i) => products[i] is null)]));
    }
}
