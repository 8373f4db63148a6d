using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Apis;

/// <summary><c>POST /products/lookup</c>: many products in one call (e.g. every line of an order being placed).</summary>
public static class LookupProducts
{
    public static async Task<Results<Ok<LookupProductsResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        ProductsDbContext db,
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

        var ids = input.Ids!.Distinct().ToArray();
        var found = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.DeletedAt == null)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return TypedResults.Ok(new LookupProductsResponse(
            [.. ids.Where(found.ContainsKey).Select(id => ProductResponse.From(found[id]))],
            [.. ids.Where(id => !found.ContainsKey(id))]));
    }
}
