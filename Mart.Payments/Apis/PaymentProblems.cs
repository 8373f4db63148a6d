using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Payments.Apis;

/// <summary>What Payments' own refusals say; the shape and status come from the shared <see cref="Problems"/>.</summary>
public static class PaymentProblems
{
    public static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Payment not found.", $"There is no payment {id}.");

    public static ProblemHttpResult NothingToRefund(Guid id) =>
        Problems.Conflict("Nothing to refund.", $"Payment {id} failed; nothing was charged.");

    public static ProblemHttpResult StillCharging(Guid id, string status) => Problems.Conflict(
        "The payment is still being charged.",
        $"Payment {id} is {status}; a refund can be made once it succeeded.");
}
