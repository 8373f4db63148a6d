using Mart.Payments.Gateway;

namespace Mart.Payments.Charging;

/// <summary>
/// One gateway call a worker took on: a charge or a refund of payment <paramref name="PaymentId"/>, made under the
/// lease that ends at <paramref name="Lease"/>.
/// </summary>
internal sealed record GatewayCall(Guid PaymentId, DateTimeOffset Lease, ChargeRequest? Charge, RefundRequest? Refund);
