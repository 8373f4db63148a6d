using Mart.Payments.Domain;
using Mart.Payments.Gateway;

namespace Mart.Payments.Charging;

/// <summary>
/// One gateway call a worker took on: a charge or a refund of payment <paramref name="PaymentId"/>, made under the
/// lease that ends at <paramref name="Lease"/>. The payment id is the charge's idempotency key, "refund:" and the id the refund's.
/// </summary>
internal sealed record GatewayCall(Guid PaymentId, DateTimeOffset Lease, ChargeRequest? Charge, RefundRequest? Refund)
{
    /// <summary>
    /// A charge sent earlier under the same key has no recorded outcome: it is looked up first, and only a charge the
    /// gateway never made may be made again.
    /// </summary>
    public bool SettleFirst { get; init; }

    /// <summary>No new charge may be made: the order was cancelled (or its refund asked for) before one was.</summary>
    public bool ChargeRuledOut { get; init; }

    /// <summary>The call a payment in <paramref name="status"/> is due for: a charge while pending, else its refund.</summary>
    public static GatewayCall For(
        Guid paymentId, PaymentStatus status, decimal amount, string currency, string? paymentToken, string? gatewayReference, DateTimeOffset lease) =>
        status == PaymentStatus.Pending
            ? new(paymentId, lease, new ChargeRequest(paymentId.ToString(), amount, currency, paymentToken ?? string.Empty), null)
            : new(paymentId, lease, null, new RefundRequest("refund:" + paymentId, gatewayReference ?? string.Empty, amount, currency));
}
