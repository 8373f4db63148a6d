using Mart.Contracts;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Messaging;

namespace Mart.Products.Events;

/// <summary>order.cancelled: before payment or after a failed one; held units become available again.</summary>
public sealed class OrderCancelledHandler(StockLedger ledger, ILogger<OrderCancelledHandler> logger) : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled message, EventContext context, CancellationToken cancellationToken) =>
        OrderIds.TryParse(message.OrderId, context, logger, out var orderId)
            ? ledger.ReleaseAsync(orderId, cancellationToken)
            : Task.CompletedTask;
}
