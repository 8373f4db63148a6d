using Mart.Contracts;
using Mart.Payments.Charging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.ServiceDefaults.Data;
using Mart.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Events;

/// <summary>
/// order.cancelled: a payment not yet charged is called off (failed, <c>order_cancelled</c>). If a gateway call for it
/// was started and its outcome is not recorded (a worker is charging it right now, or died doing so), the charge may go
/// through: the payment is marked for refund instead, without waiting for the call, and a charge that went through is
/// refunded as its outcome is recorded; a declined one simply fails.
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
        var payment = await db.Payments.ForUpdate().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is not { Status: PaymentStatus.Pending })
        {
            return;
        }

        var now = timeProvider.GetDatabaseNow();
        if (payment.InCallUntil is not null)
        {
            payment.RequestRefund("the order was cancelled while it was being charged", now);
            LogRefundAfterCharge(logger, payment.Id, orderId);
            return;
        }

        payment.Fail(DeclineCodes.OrderCancelled, "The order was cancelled before it was charged.", now);
        outbox.Enqueue(db, PaymentMessages.Failed(payment));
        LogCalledOff(logger, payment.Id, orderId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId}: order {OrderId} was cancelled while the charge was out; it is refunded if it went through")]
    private static partial void LogRefundAfterCharge(ILogger logger, Guid paymentId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} called off: order {OrderId} was cancelled before the charge")]
    private static partial void LogCalledOff(ILogger logger, Guid paymentId, Guid orderId);
}
