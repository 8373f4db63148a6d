using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Events;

/// <summary>order.refund-requested: marks the order's payment for refund; the workers refund it once this commits.</summary>
public sealed partial class OrderRefundRequestedHandler(
    PaymentsDbContext db,
    TimeProvider timeProvider,
    ILogger<OrderRefundRequestedHandler> logger) : IEventHandler<OrderRefundRequested>
{
    public async Task HandleAsync(OrderRefundRequested message, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = EventIds.Parse(message.OrderId, "order_id");
        var payment = await db.Payments.ForUpdate().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is null)
        {
            LogNoPayment(logger, orderId);
            return;
        }

        var reason = string.IsNullOrWhiteSpace(message.Reason) ? "requested by Orders" : message.Reason;
        if (!payment.RequestRefund(reason, timeProvider.GetDatabaseNow()))
        {
            LogNothingToRefund(logger, orderId, payment.Id, payment.Status.ToName());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund requested for order {OrderId}, which has no payment; ignored")]
    private static partial void LogNoPayment(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund requested for order {OrderId}: payment {PaymentId} is {Status} or already marked; nothing to do")]
    private static partial void LogNothingToRefund(ILogger logger, Guid orderId, Guid paymentId, string status);
}
