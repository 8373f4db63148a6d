using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Orders.Apis;

/// <summary>What Orders' own refusals say; the shape and status come from the shared <see cref="Problems"/>.</summary>
public static class OrderProblems
{
    /// <summary>Seconds a client should wait before placing an order again after Products was unreachable.</summary>
    public const int CatalogRetryAfterSeconds = 5;

    public static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Order not found.", $"There is no order {id}.");

    public static ProblemHttpResult OthersOrders() => Problems.Forbidden(
        "Only staff may list another customer's orders.",
        "Leave customerId out to list your own orders.");

    public static ProblemHttpResult UnknownProducts(IReadOnlyList<Guid> productIds) => Problems.Unprocessable(
        "Unknown or deleted products.",
        $"These products cannot be ordered: {string.Join(", ", productIds)}.",
        new Dictionary<string, object?> { ["productIds"] = productIds });

    public static ProblemHttpResult CurrencyMismatch(string currency, IReadOnlyList<Guid> productIds) => Problems.Unprocessable(
        "Currency mismatch.",
        $"The order is in {currency} but these products are priced in another currency: {string.Join(", ", productIds)}.",
        new Dictionary<string, object?> { ["productIds"] = productIds });

    public static ProblemHttpResult NothingToCharge() => Problems.Unprocessable(
        "Nothing to charge.",
        "The order's total is zero; an order must cost something to be paid for.");

    public static ProblemHttpResult IdempotencyKeyReused(string key) => Problems.Unprocessable(
        "Idempotency-Key reused with a different request.",
        $"The key '{key}' was already used for a different order request; use a new key for a new order.");

    public static ProblemHttpResult CatalogUnavailable(HttpContext context, string detail) =>
        Problems.Unavailable(context, "Products is unavailable; nothing was ordered.", detail, CatalogRetryAfterSeconds);

    public static ProblemHttpResult CannotCancel(Guid id, string status) => Problems.Conflict(
        "The order cannot be cancelled.",
        $"Order {id} is {status}: there is nothing left to cancel.");
}
