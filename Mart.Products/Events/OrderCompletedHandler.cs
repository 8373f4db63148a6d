using Mart.Contracts;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Messaging;

namespace Mart.Products.Events;

/// <summary>order.completed: the order is paid, its reservation becomes a sale.</summary>
public sealed class OrderCompletedHandler(StockLedger ledger, ILogger<OrderCompletedHandler> logger) : IEventHandler<OrderCompleted>
{
    public Task HandleAsync(OrderCompleted message, EventContext context, CancellationToken cancellationToken) =>
        OrderIds.TryParse(message.OrderId, context, logger, out var orderId)
            ? ledger.CommitAsync(orderId, cancellationToken)
            : Task.CompletedTask;
}
