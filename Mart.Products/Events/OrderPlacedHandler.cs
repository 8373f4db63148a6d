using Mart.Contracts;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Messaging;

namespace Mart.Products.Events;

/// <summary>order.placed: reserve every line or none, and answer with stock.reserved or stock.rejected.</summary>
public sealed class OrderPlacedHandler(StockLedger ledger, ILogger<OrderPlacedHandler> logger) : IEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced message, EventContext context, CancellationToken cancellationToken)
    {
        if (!OrderIds.TryParse(message.OrderId, context, logger, out var orderId))
        {
            return Task.CompletedTask;
        }

        return ledger.ReserveAsync(orderId, message.Lines, cancellationToken);
    }
}
