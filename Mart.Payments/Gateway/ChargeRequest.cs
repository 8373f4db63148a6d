namespace Mart.Payments.Gateway;

/// <summary>Take <paramref name="Amount"/> from the payment method behind <paramref name="PaymentToken"/>.</summary>
public sealed record ChargeRequest(string IdempotencyKey, decimal Amount, string Currency, string PaymentToken);
