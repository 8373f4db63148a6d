using Mart.Products.Caching;
using Mart.Products.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary><c>GET /products/{id}</c>: one live product with its ETag, from the cache when it is warm.</summary>
public static class GetProduct
{
    public static async Task<Results<Ok<ProductResponse>, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id,
        HttpRequest request,
        HttpResponse response,
        ProductReader reader,
        CancellationToken cancellationToken)
    {
        if (await reader.GetAsync(id, cancellationToken) is not { } cached)
        {
            return ProductProblems.NotFound(id);
        }

        response.Headers.ETag = cached.ETag;
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ProductETag.NoneMatchHits(ifNoneMatch, cached.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(cached.Product);
    }
}
