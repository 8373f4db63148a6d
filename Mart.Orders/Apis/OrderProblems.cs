using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Orders.Apis;

/// <summary>The problem details Orders answers with, one place so titles and extensions stay consistent.</summary>
public static class OrderProblems
{
    /// <summary>Seconds a client should wait before placing an order again after Products was unreachable.</summary>
    public const int CatalogRetryAfterSeconds = 5;

    public static ProblemHttpResult OrderNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Order not found.",
        detail: $"There is no order {id}.");

    public static ProblemHttpResult UnknownProducts(IReadOnlyList<Guid> productIds) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Unknown or deleted products.",
        detail: $"These products cannot be ordered: {string.Join(", ", productIds)}.",
        extensions: new Dictionary<string, object?> { ["productIds"] = productIds });

    public static ProblemHttpResult CurrencyMismatch(string currency, IReadOnlyList<Guid> productIds) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Currency mismatch.",
        detail: $"The order is in {currency} but these products are priced in another currency: {string.Join(", ", productIds)}.",
        extensions: new Dictionary<string, object?> { ["productIds"] = productIds });

    public static ProblemHttpResult NothingToCharge() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Nothing to charge.",
        detail: "The order's total is zero; an order must cost something to be paid for.");

    public static ProblemHttpResult IdempotencyKeyReused(string key) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key reused with a different request.",
        detail: $"The key '{key}' was already used for a different order request; use a new key for a new order.");

    public static ProblemHttpResult CatalogUnavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = CatalogRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Products is unavailable; nothing was ordered.",
            detail: detail);
    }

    public static ProblemHttpResult CannotCancel(Guid id, string status) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The order cannot be cancelled.",
        detail: $"Order {id} is {status}: there is nothing left to cancel.");
}
