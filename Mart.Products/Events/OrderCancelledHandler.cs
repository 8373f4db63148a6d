using Mart.Contracts;
using Mart.Messaging;
using Mart.Products.Domain;

namespace Mart.Products.Events;

/// <summary>order.cancelled: before payment or after a failed one; held units become available again.</summary>
public sealed class OrderCancelledHandler(StockLedger ledger) : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled message, EventContext context, CancellationToken cancellationToken) =>
        ledger.ReleaseAsync(EventIds.Parse(message.OrderId, "order_id"), cancellationToken);
}
