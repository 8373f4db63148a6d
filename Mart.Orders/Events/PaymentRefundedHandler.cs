using Mart.Contracts;
using Mart.Messaging;
using Mart.Orders.Domain;
using Mart.Orders.Process;

namespace Mart.Orders.Events;

/// <summary>payment.refunded: the money is back (Products restores the stock on the same event).</summary>
public sealed class PaymentRefundedHandler(OrderProcess process) : IEventHandler<PaymentRefunded>
{
    public Task HandleAsync(PaymentRefunded message, EventContext context, CancellationToken cancellationToken) =>
        process.FireAsync(EventIds.Parse(message.OrderId, "order_id"), OrderTrigger.PaymentRefunded, OrderReasons.Refunded, cancellationToken);
}
