using Mart.Contracts;
using Mart.Payments.Domain;

namespace Mart.Payments.Charging;

/// <summary>The events Payments publishes, built from a payment.</summary>
public static class PaymentMessages
{
    public static PaymentSucceeded Succeeded(Payment payment) => new()
    {
        PaymentId = payment.Id.ToString(),
        OrderId = payment.OrderId.ToString(),
        Amount = Money.FromDecimal(payment.Amount, payment.Currency),
        GatewayReference = payment.GatewayReference ?? string.Empty,
    };

    public static PaymentFailed Failed(Payment payment) => new()
    {
        PaymentId = payment.Id.ToString(),
        OrderId = payment.OrderId.ToString(),
        Amount = Money.FromDecimal(payment.Amount, payment.Currency),
        Code = payment.FailureCode ?? string.Empty,
        Reason = payment.FailureReason ?? string.Empty,
    };

    public static PaymentRefunded Refunded(Payment payment) => new()
    {
        PaymentId = payment.Id.ToString(),
        OrderId = payment.OrderId.ToString(),
        Amount = Money.FromDecimal(payment.Amount, payment.Currency),
        GatewayReference = payment.RefundReference ?? string.Empty,
    };
}
