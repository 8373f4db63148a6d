namespace Mart.Orders.Domain;

/// <summary>Where an order is in its life; see <see cref="OrderStateMachine"/> for the moves between them.</summary>
public enum OrderStatus
{
    /// <summary>Accepted and priced; Products has not answered yet.</summary>
    Pending,

    /// <summary>Stock is held; Payments is charging.</summary>
    AwaitingPayment,

    /// <summary>Paid; the reservation became a sale.</summary>
    Completed,

    /// <summary>Stock was short or a product is gone; nothing was held or charged.</summary>
    Rejected,

    /// <summary>Cancelled before payment (customer, failed payment or timeout); stock released.</summary>
    Cancelled,

    /// <summary>Cancelled after payment; the refund is on its way.</summary>
    RefundPending,

    /// <summary>Money returned and stock restored.</summary>
    Refunded,
}
