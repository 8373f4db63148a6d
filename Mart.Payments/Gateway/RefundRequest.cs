namespace Mart.Payments.Gateway;

/// <summary>Return <paramref name="Amount"/> of the charge <paramref name="ChargeReference"/>.</summary>
public sealed record RefundRequest(string IdempotencyKey, string ChargeReference, decimal Amount, string Currency);
