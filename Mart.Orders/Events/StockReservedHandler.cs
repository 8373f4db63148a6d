using Mart.Contracts;
using Mart.Messaging;
using Mart.Orders.Domain;
using Mart.Orders.Process;

namespace Mart.Orders.Events;

/// <summary>stock.reserved: the order may be charged now.</summary>
public sealed class StockReservedHandler(OrderProcess process) : IEventHandler<StockReserved>
{
    public Task HandleAsync(StockReserved message, EventContext context, CancellationToken cancellationToken) =>
        process.FireAsync(EventIds.Parse(message.OrderId, "order_id"), OrderTrigger.StockReserved, OrderReasons.StockReserved, cancellationToken);
}
