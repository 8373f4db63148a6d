using Mart.Contracts;
using Mart.Messaging;
using Mart.Products.Domain;

namespace Mart.Products.Events;

/// <summary>order.placed: reserve every line or none, and answer with stock.reserved or stock.rejected.</summary>
public sealed class OrderPlacedHandler(StockLedger ledger) : IEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced message, EventContext context, CancellationToken cancellationToken) =>
        ledger.ReserveAsync(EventIds.Parse(message.OrderId, "order_id"), message.Lines, cancellationToken);
}
