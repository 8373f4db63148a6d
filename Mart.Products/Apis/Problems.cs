using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Products.Apis;

/// <summary>The problem details the products API answers with besides validation problems.</summary>
public static class Problems
{
    public static ProblemHttpResult ProductNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Product not found.",
        detail: $"There is no product {id}, or it was deleted.");

    public static ProblemHttpResult DuplicateSku(string sku) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "SKU already in use.",
        detail: $"Another product (possibly a deleted one) already has SKU '{sku}'.");

    public static ProblemHttpResult StockConflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Stock cannot be adjusted that way.",
        detail: detail);

    public static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The product has changed.",
        detail: "If-Match does not name the product's current ETag; read it again and retry.");

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "If-Match is required.",
        detail: "Send the ETag of the product as read (If-Match: \"...\"), or If-Match: * to overwrite whatever is there.");

    public static ProblemHttpResult BodyTooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large.",
        detail: $"The body must be at most {limit} bytes.");

    public static ProblemHttpResult NotJson() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type.",
        detail: "Send the body as JSON (Content-Type: application/json).");
}
