using Mart.Payments.Domain;

namespace Mart.Payments.Apis;

/// <summary>A payment as the API shows it.</summary>
public sealed record PaymentResponse(
    Guid Id,
    Guid OrderId,
    decimal Amount,
    string Currency,
    string Status,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PaymentResponse From(Payment payment) => new(
        payment.Id,
        payment.OrderId,
        payment.Amount,
        payment.Currency,
        payment.Status.ToName(),
        payment.FailureCode is null ? null : $"{payment.FailureCode}: {payment.FailureReason}",
        payment.CreatedAt,
        payment.UpdatedAt);
}
