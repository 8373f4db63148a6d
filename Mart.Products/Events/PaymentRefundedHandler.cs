using Mart.Contracts;
using Mart.Messaging;
using Mart.Products.Domain;

namespace Mart.Products.Events;

/// <summary>
/// payment.refunded: the catalog has no order.refunded, and the refund is the fact that matters for stock, so the
/// sold units go back on hand when Payments reports the money returned.
/// </summary>
public sealed class PaymentRefundedHandler(StockLedger ledger) : IEventHandler<PaymentRefunded>
{
    public Task HandleAsync(PaymentRefunded message, EventContext context, CancellationToken cancellationToken) =>
        ledger.RestockAsync(EventIds.Parse(message.OrderId, "order_id"), cancellationToken);
}
