using Mart.ServiceDefaults.Authentication;

namespace Mart.Payments.Apis;

/// <summary>The Payments HTTP API.</summary>
public static class PaymentsApi
{
    /// <summary>The scope a token needs for any of these operations; its audience is this API.</summary>
    public const string PaymentsScope = "payments";

    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        // Staff and services granted the payments scope; customers see their payment through their order.
        var payments = app.MapGroup("/payments").WithTags("Payments")
            .RequireAccess(AccessPolicies.StaffOrService(PaymentsScope));

        payments.MapGet("/{id:guid}", GetPayment.HandleAsync)
            .WithName("GetPayment")
            .WithSummary("Get a payment")
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapGet("/", ListPayments.HandleAsync)
            .WithName("ListPayments")
            .WithSummary("Get the payment of an order")
            .WithDescription("orderId is required; an order has at most one payment.")
            .ProducesValidationProblem();

        payments.MapPost("/{id:guid}/refund", RefundPayment.HandleAsync)
            .WithName("RefundPayment")
            .WithSummary("Refund a payment")
            .WithDescription("Idempotent: refunding a refunded payment answers 200 with it. 202 when the gateway cannot refund right now " +
                "(the refund is retried); 409 when nothing was charged (failed) or the charge is still being made (pending).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return payments;
    }
}
