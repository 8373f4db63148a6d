using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary>What the catalog's own refusals say; the shape and status come from the shared <see cref="Problems"/>.</summary>
public static class ProductProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        Problems.NotFound("Product not found.", $"There is no product {id}, or it was deleted.");

    public static ProblemHttpResult DuplicateSku(string sku) =>
        Problems.Conflict("SKU already in use.", $"Another product (possibly a deleted one) already has SKU '{sku}'.");

    public static ProblemHttpResult StockConflict(string detail) =>
        Problems.Conflict("Stock cannot be adjusted that way.", detail);

    public static ProblemHttpResult PreconditionFailed() =>
        Problems.PreconditionFailed("If-Match does not name the product's current ETag; read it again and retry.");

    public static ProblemHttpResult PreconditionRequired() =>
        Problems.PreconditionRequired("Send the ETag of the product as read (If-Match: \"...\"), or If-Match: * to overwrite whatever is there.");
}
