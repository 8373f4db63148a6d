namespace Mart.Orders.Domain;

/// <summary>
/// The guarded moves of an order (docs/architecture.md, the order flow). Any pair not listed is refused, which is
/// what makes a late or duplicated event harmless: it finds the order past the point where it applied and changes
/// nothing.
/// </summary>
public static class OrderStateMachine
{
    /// <summary>The status <paramref name="trigger"/> moves an order in <paramref name="current"/> to, or null when it does not apply.</summary>
    public static OrderStatus? Next(OrderStatus current, OrderTrigger trigger) => (current, trigger) switch
    {
        (OrderStatus.Pending, OrderTrigger.StockReserved) => OrderStatus.AwaitingPayment,
        (OrderStatus.Pending, OrderTrigger.StockRejected) => OrderStatus.Rejected,
        (OrderStatus.AwaitingPayment, OrderTrigger.PaymentSucceeded) => OrderStatus.Completed,
        (OrderStatus.AwaitingPayment, OrderTrigger.PaymentFailed) => OrderStatus.Cancelled,
        (OrderStatus.Pending or OrderStatus.AwaitingPayment, OrderTrigger.CancelRequested) => OrderStatus.Cancelled,
        (OrderStatus.Pending or OrderStatus.AwaitingPayment, OrderTrigger.TimedOut) => OrderStatus.Cancelled,
        (OrderStatus.Completed, OrderTrigger.CancelRequested) => OrderStatus.RefundPending,

        // A refund made directly through Payments (POST /payments/{id}/refund) skips refund_pending.
        (OrderStatus.Completed or OrderStatus.RefundPending, OrderTrigger.PaymentRefunded) => OrderStatus.Refunded,
        _ => null,
    };

    /// <summary>True when no trigger moves the order any further.</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Rejected or OrderStatus.Cancelled or OrderStatus.Refunded;

    /// <summary>True while the order waits for Products or Payments, the states the timeout watches.</summary>
    public static bool IsOpen(OrderStatus status) =>
        status is OrderStatus.Pending or OrderStatus.AwaitingPayment;
}
