using Mart.Contracts;
using Mart.Payments.Charging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Events;

/// <summary>
/// order.cancelled: a payment not yet charged is called off (failed, <c>order_cancelled</c>). If a worker is charging
/// it right now, the row lock makes this wait for the outcome; a charge that went through is then refunded when
/// Orders asks (it does, on payment.succeeded for a cancelled order).
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
        var payment = await db.Payments
            .FromSql($"SELECT *, xmin FROM payments WHERE order_id = {orderId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (payment is not { Status: PaymentStatus.Pending })
        {
            return;
        }

        payment.Fail(DeclineCodes.OrderCancelled, "The order was cancelled before it was charged.", timeProvider.GetDatabaseNow());
        outbox.Enqueue(db, PaymentMessages.Failed(payment));
        LogCalledOff(logger, payment.Id, orderId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} called off: order {OrderId} was cancelled before the charge")]
    private static partial void LogCalledOff(ILogger logger, Guid paymentId, Guid orderId);
}
