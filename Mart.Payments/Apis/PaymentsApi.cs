using Mart.Payments.Charging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.ServiceDefaults.Errors;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Apis;

/// <summary>The Payments HTTP API.</summary>
public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/payments").WithTags("Payments");

        payments.MapGet("/{id:guid}", GetPaymentAsync)
            .WithName("GetPayment")
            .WithSummary("Get a payment")
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapGet("/", ListPaymentsAsync)
            .WithName("ListPayments")
            .WithSummary("Get the payment of an order")
            .WithDescription("orderId is required; an order has at most one payment.")
            .ProducesValidationProblem();

        payments.MapPost("/{id:guid}/refund", RefundPaymentAsync)
            .WithName("RefundPayment")
            .WithSummary("Refund a payment")
            .WithDescription("Idempotent: refunding a refunded payment answers 200 with it. 202 when the gateway cannot refund right now " +
                "(the refund is retried); 409 when nothing was charged (failed) or the charge is still being made (pending).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetPaymentAsync(Guid id, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return payment is null ? NotFound(id) : TypedResults.Ok(PaymentResponse.From(payment));
    }

    public static async Task<Results<Ok<PaymentList>, ValidationProblem>> ListPaymentsAsync(string? orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = errors.Uuid("orderId", orderId);
        if (parsed is not { } order)
        {
            if (!errors.Any)
            {
                errors.Add("orderId", "The orderId query parameter is required.");
            }

            return errors.ToProblem();
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == order).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PaymentList([.. payments.Select(PaymentResponse.From)]));
    }

    public static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ProblemHttpResult>> RefundPaymentAsync(
        Guid id,
        PaymentProcessor processor,
        CancellationToken cancellationToken)
    {
        var payment = await processor.RefundNowAsync(id, "requested through the Payments API", cancellationToken);
        return payment switch
        {
            null => NotFound(id),
            { Status: PaymentStatus.Refunded } => TypedResults.Ok(PaymentResponse.From(payment)),
            { RefundDue: true } => TypedResults.Accepted($"/payments/{id}", PaymentResponse.From(payment)),
            { Status: PaymentStatus.Failed } => Problems.Conflict("Nothing to refund.", $"Payment {id} failed; nothing was charged."),
            _ => Problems.Conflict(
                "The payment is still being charged.",
                $"Payment {id} is {payment.Status.ToName()}; a refund can be made once it succeeded."),
        };
    }

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Payment not found.", $"There is no payment {id}.");
}
