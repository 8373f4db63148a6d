using Mart.Payments.Charging;
using Mart.Payments.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Payments.Apis;

/// <summary>
/// <c>POST /payments/{id}/refund</c>: refunds a succeeded payment now; 202 when the gateway cannot, and the refund is
/// retried.
/// </summary>
public static class RefundPayment
{
    public static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        PaymentProcessor processor,
        CancellationToken cancellationToken)
    {
        var payment = await processor.RefundNowAsync(id, "requested through the Payments API", cancellationToken);
        return payment switch
        {
            null => PaymentProblems.NotFound(id),
            { Status: PaymentStatus.Refunded } => TypedResults.Ok(PaymentResponse.From(payment)),
            { RefundDue: true } => TypedResults.Accepted($"/payments/{id}", PaymentResponse.From(payment)),
            { Status: PaymentStatus.Failed } => PaymentProblems.NothingToRefund(id),
            _ => PaymentProblems.StillCharging(id, payment.Status.ToName()),
        };
    }
}
