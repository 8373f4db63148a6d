using Mart.Contracts;
using Mart.Messaging;
using Mart.Products.Domain;

namespace Mart.Products.Events;

/// <summary>order.completed: the order is paid, its reservation becomes a sale.</summary>
public sealed class OrderCompletedHandler(StockLedger ledger) : IEventHandler<OrderCompleted>
{
    public Task HandleAsync(OrderCompleted message, EventContext context, CancellationToken cancellationToken) =>
        ledger.CommitAsync(EventIds.Parse(message.OrderId, "order_id"), cancellationToken);
}
