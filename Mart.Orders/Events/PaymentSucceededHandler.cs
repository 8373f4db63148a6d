using Mart.Contracts;
using Mart.Messaging;
using Mart.Orders.Domain;
using Mart.Orders.Process;

namespace Mart.Orders.Events;

/// <summary>payment.succeeded: the order is complete, or, if it was cancelled meanwhile, the charge is handed back.</summary>
public sealed class PaymentSucceededHandler(OrderProcess process) : IEventHandler<PaymentSucceeded>
{
    public async Task HandleAsync(PaymentSucceeded message, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = EventIds.Parse(message.OrderId, "order_id");
        var paymentId = EventIds.Parse(message.PaymentId, "payment_id");
        var order = await process.FireAsync(orderId, OrderTrigger.PaymentSucceeded, OrderReasons.Paid(paymentId), cancellationToken, paymentId);
        if (order is { Status: OrderStatus.Cancelled })
        {
            await process.RefundLatePaymentAsync(order, paymentId, cancellationToken);
        }
    }
}
