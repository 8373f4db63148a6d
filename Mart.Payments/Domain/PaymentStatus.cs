namespace Mart.Payments.Domain;

/// <summary>Where a payment is. Pending lasts while the gateway is being asked (including retries).</summary>
public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,
    Refunded,
}
