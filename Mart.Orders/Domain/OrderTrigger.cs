namespace Mart.Orders.Domain;

/// <summary>Something that happened to an order: an event from another service, a customer action, or the clock.</summary>
public enum OrderTrigger
{
    /// <summary>Products holds every line (stock.reserved).</summary>
    StockReserved,

    /// <summary>Products could not hold the lines (stock.rejected).</summary>
    StockRejected,

    /// <summary>Payments charged the order (payment.succeeded).</summary>
    PaymentSucceeded,

    /// <summary>Payments could not charge the order (payment.failed).</summary>
    PaymentFailed,

    /// <summary>Payments returned the money (payment.refunded).</summary>
    PaymentRefunded,

    /// <summary>The customer asked to cancel (POST /orders/{id}/cancel).</summary>
    CancelRequested,

    /// <summary>The order stayed open longer than <c>Orders:Timeout</c>.</summary>
    TimedOut,
}
