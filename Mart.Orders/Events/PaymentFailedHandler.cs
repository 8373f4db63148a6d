using Mart.Contracts;
using Mart.Messaging;
using Mart.Orders.Domain;
using Mart.Orders.Process;

namespace Mart.Orders.Events;

/// <summary>payment.failed: the order is cancelled and order.cancelled tells Products to release the stock.</summary>
public sealed class PaymentFailedHandler(OrderProcess process) : IEventHandler<PaymentFailed>
{
    public Task HandleAsync(PaymentFailed message, EventContext context, CancellationToken cancellationToken) =>
        process.FireAsync(
            EventIds.Parse(message.OrderId, "order_id"),
            OrderTrigger.PaymentFailed,
            OrderReasons.PaymentFailed(message.Code, message.Reason),
            cancellationToken);
}
