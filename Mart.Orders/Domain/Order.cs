namespace Mart.Orders.Domain;

/// <summary>An order: its priced lines, its place in the flow, and how it got there.</summary>
public sealed class Order
{
    public Guid Id { get; private set; }

    public string CustomerId { get; private set; } = string.Empty;

    public OrderStatus Status { get; private set; }

    /// <summary>Why the order is in its current status (the reason of the last history entry).</summary>
    public string Reason { get; private set; } = string.Empty;

    public string Currency { get; private set; } = string.Empty;

    public decimal Subtotal { get; private set; }

    public decimal Fee { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>The customer's payment method, kept only until it is handed to Payments.</summary>
    public string? PaymentToken { get; private set; }

    /// <summary>The payment that charged the order, once Payments reported it.</summary>
    public Guid? PaymentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's <c>xmin</c>: a concurrent update of the same row fails instead of overwriting.</summary>
    public uint Version { get; private set; }

    public List<OrderLine> Lines { get; private set; } = [];

    public List<OrderStatusChange> History { get; private set; } = [];

    /// <summary>A new order in <see cref="OrderStatus.Pending"/>, priced from <paramref name="lines"/>.</summary>
    public static Order Place(
        Guid id,
        string customerId,
        string currency,
        IReadOnlyList<OrderLine> lines,
        decimal feeRate,
        string paymentToken,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentToken);
        if (lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(lines));
        }

        var price = OrderPricing.Calculate(lines, feeRate);
        var order = new Order
        {
            Id = id,
            CustomerId = customerId,
            Status = OrderStatus.Pending,
            Reason = OrderReasons.Placed,
            Currency = currency,
            Subtotal = price.Subtotal,
            Fee = price.Fee,
            Total = price.Total,
            PaymentToken = paymentToken,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var number = 1;
        foreach (var line in lines)
        {
            order.Lines.Add(line.Numbered(id, number++));
        }

        order.History.Add(new OrderStatusChange(id, from: null, OrderStatus.Pending, OrderReasons.Placed, now));
        return order;
    }

    /// <summary>
    /// Applies <paramref name="trigger"/> if the state machine allows it from the current status, recording the move
    /// and its reason. Returns the recorded change, or null (and changes nothing) when the trigger does not apply.
    /// </summary>
    public OrderStatusChange? Apply(OrderTrigger trigger, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (OrderStateMachine.Next(Status, trigger) is not { } next)
        {
            return null;
        }

        var change = new OrderStatusChange(Id, Status, next, reason, now);
        Status = next;
        Reason = reason;
        UpdatedAt = now;
        History.Add(change);
        return change;
    }

    /// <summary>Forgets the payment token once Payments has it: the order has no further use for it.</summary>
    public void HandOverPaymentToken() => PaymentToken = null;

    /// <summary>Remembers which payment charged the order; refunds refer to it.</summary>
    public void RecordPayment(Guid paymentId) => PaymentId = paymentId;
}
