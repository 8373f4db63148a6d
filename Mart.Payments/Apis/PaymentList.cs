namespace Mart.Payments.Apis;

/// <summary>Answer of <c>GET /payments?orderId=</c>: the order's payment, if it has one (an order has at most one).</summary>
public sealed record PaymentList(IReadOnlyList<PaymentResponse> Items);
