using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Charging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Events;

/// <summary>
/// order.cancelled: the order is remembered as cancelled, and a payment not yet charged is called off. A charge sent
/// whose outcome is not recorded may have gone through: the payment is marked for refund instead, and the workers settle
/// it with the gateway (refunded if it was made, failed and never made again if not).
/// </summary>
public sealed partial class OrderCancelledHandler(
    PaymentsDbContext db,
    IOutbox outbox,
    TimeProvider timeProvider,
    ILogger<OrderCancelledHandler> logger) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled message, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = EventIds.Parse(message.OrderId, "order_id");
        var now = timeProvider.GetDatabaseNow();
        var reason = string.IsNullOrWhiteSpace(message.Reason) ? "cancelled" : message.Reason;
        await PaymentWrites.RememberCancelledAsync(db, orderId, reason, now, cancellationToken);

        var payment = await db.Payments.ForUpdate().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is not { Status: PaymentStatus.Pending })
        {
            return;
        }

        if (payment.ChargeUnsettled)
        {
            payment.RequestRefund("the order was cancelled while it was being charged", now);
            LogRefundAfterCharge(logger, payment.Id, orderId);
            return;
        }

        payment.CallOff(now);
        outbox.Enqueue(db, PaymentMessages.Failed(payment));
        LogCalledOff(logger, payment.Id, orderId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId}: order {OrderId} was cancelled while the charge was unsettled; it is refunded if it went through")]
    private static partial void LogRefundAfterCharge(ILogger logger, Guid paymentId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} called off: order {OrderId} was cancelled before the charge")]
    private static partial void LogCalledOff(ILogger logger, Guid paymentId, Guid orderId);
}
