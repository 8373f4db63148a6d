using Mart.Orders.Domain;

namespace Mart.Orders.Apis;

/// <summary>An order as the API shows it.</summary>
public sealed record OrderResponse(
    Guid Id,
    string CustomerId,
    string Status,
    string Reason,
    string Currency,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Subtotal,
    decimal Fee,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderHistoryEntry> History)
{
    /// <summary>Needs the order's lines and history loaded.</summary>
    public static OrderResponse From(Order order) => new(
        order.Id,
        order.CustomerId,
        order.Status.ToName(),
        order.Reason,
        order.Currency,
        [.. order.Lines.OrderBy(line => line.LineNo).Select(OrderItemResponse.From)],
        order.Subtotal,
        order.Fee,
        order.Total,
        order.CreatedAt,
        order.UpdatedAt,
        [.. order.History.OrderBy(change => change.At).ThenBy(change => change.Id).Select(OrderHistoryEntry.From)]);
}

/// <summary>A line of an order at its snapshotted price.</summary>
public sealed record OrderItemResponse(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity, decimal LineTotal)
{
    public static OrderItemResponse From(OrderLine line) =>
        new(line.ProductId, line.ProductName, line.UnitPrice, line.Quantity, line.LineTotal);
}

/// <summary>A status the order has been in, why, and since when.</summary>
public sealed record OrderHistoryEntry(string Status, string Reason, DateTimeOffset At)
{
    public static OrderHistoryEntry From(OrderStatusChange change) => new(change.To.ToName(), change.Reason, change.At);
}
