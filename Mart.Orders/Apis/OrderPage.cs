namespace Mart.Orders.Apis;

/// <summary>One page of <c>GET /orders</c>; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, string? NextCursor);
