namespace Mart.Orders.Domain;

/// <summary>One entry of an order's history: a move between statuses and why it happened.</summary>
public sealed class OrderStatusChange(Guid orderId, OrderStatus? from, OrderStatus to, string reason, DateTimeOffset at)
{
    /// <summary>Database identity; orders history entries of one order in the sequence they were written.</summary>
    public long Id { get; private set; }

    public Guid OrderId { get; private set; } = orderId;

    /// <summary>Null for the order's first status.</summary>
    public OrderStatus? From { get; private set; } = from;

    public OrderStatus To { get; private set; } = to;

    public string Reason { get; private set; } = reason;

    public DateTimeOffset At { get; private set; } = at;
}
