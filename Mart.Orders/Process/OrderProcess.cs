using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Process;

/// <summary>
/// Applies a trigger to an order under a row lock and writes the move with its event (<see cref="OrderWrites"/>) in the
/// caller's transaction, so both commit together. A trigger that does not apply changes and publishes nothing.
/// </summary>
public sealed partial class OrderProcess(OrdersDbContext db, IOutbox outbox, TimeProvider timeProvider, ILogger<OrderProcess> logger)
{
    /// <summary>
    /// Locks and loads the order, then fires <paramref name="trigger"/>. Returns the order (changed or not), or null
    /// when there is no such order. Needs an open transaction, or the lock ends with the statement.
    /// </summary>
    public async Task<Order?> FireAsync(Guid orderId, OrderTrigger trigger, string reason, CancellationToken cancellationToken, Guid? paymentId = null)
    {
        if (await LockAsync(orderId, cancellationToken) is not { } order)
        {
            LogUnknownOrder(logger, orderId, trigger);
            return null;
        }

        await FireAsync(order, trigger, reason, cancellationToken, paymentId);
        return order;
    }

    /// <summary>
    /// Fires <paramref name="trigger"/> on an order locked by the caller (<see cref="LockAsync"/>), writes the move and
    /// enqueues the resulting event; false when the trigger does not apply to the order's status.
    /// </summary>
    public async Task<bool> FireAsync(Order order, OrderTrigger trigger, string reason, CancellationToken cancellationToken, Guid? paymentId = null)
    {
        var from = order.Status;
        if (order.Apply(trigger, reason, timeProvider.GetDatabaseNow()) is not { } change)
        {
            LogIgnored(logger, order.Id, trigger, from.ToName());
            return false;
        }

        if (paymentId is { } id)
        {
            order.RecordPayment(id);
        }

        var message = EventFor(order, change);
        await OrderWrites.SaveAsync(db, order, change, outbox, message, cancellationToken);
        LogMoved(logger, order.Id, from.ToName(), order.Status.ToName(), trigger, reason);
        return true;
    }

    /// <summary>
    /// A charge reported for an order that is no longer waiting for one (cancelled by the customer or the timeout
    /// while Payments was charging): the money goes back, the order keeps its status. <paramref name="order"/> must be
    /// locked by the caller (<see cref="FireAsync(Guid, OrderTrigger, string, CancellationToken, Guid?)"/> or <see cref="LockAsync"/>).
    /// </summary>
    public async Task RefundLatePaymentAsync(Order order, Guid paymentId, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.Cancelled || order.PaymentId is not null)
        {
            // A payment already recorded was already handled: this is a duplicate.
            LogIgnored(logger, order.Id, OrderTrigger.PaymentSucceeded, order.Status.ToName());
            return;
        }

        order.RecordPayment(paymentId);
        var refund = OrderMessages.RefundRequested(order, paymentId, OrderReasons.LatePaymentRefund);
        await OrderWrites.SaveAsync(db, order, change: null, outbox, refund, cancellationToken);
        LogLatePaymentRefunded(logger, order.Id, paymentId);
    }

    /// <summary>Takes the order's row lock (held until the transaction ends) and loads it, untracked.</summary>
    public Task<Order?> LockAsync(Guid orderId, CancellationToken cancellationToken) => LockOrder(db, orderId, cancellationToken);

    // Compiled once: every event of the flow locks an order, and a LINQ query is looked up in EF's cache by its whole
    // expression tree on every call.
    private static readonly Func<OrdersDbContext, Guid, CancellationToken, Task<Order?>> LockOrder = EF.CompileAsyncQuery(
        (OrdersDbContext db, Guid orderId, CancellationToken _) =>
            db.Orders.AsNoTracking().TagWith(RowLocks.Tag).SingleOrDefault(order => order.Id == orderId));

    /// <summary>The event the order's new status asks for, if any; the payment token leaves the order with its event.</summary>
    private static IMessage? EventFor(Order order, OrderStatusChange change)
    {
        switch (change.To)
        {
            case OrderStatus.AwaitingPayment:
                var awaiting = OrderMessages.AwaitingPayment(order, order.PaymentToken ?? string.Empty);
                order.HandOverPaymentToken();
                return awaiting;
            case OrderStatus.Completed:
                return OrderMessages.Completed(order);
            case OrderStatus.Cancelled:
                return OrderMessages.Cancelled(order, change.Reason);
            case OrderStatus.RefundPending:
                var paymentId = order.PaymentId ?? throw new InvalidOperationException($"Order {order.Id} completed without a recorded payment.");
                return OrderMessages.RefundRequested(order, paymentId, change.Reason);

            // Rejected: Products held nothing. Refunded: Payments and Products already acted on payment.refunded.
            case OrderStatus.Rejected:
            case OrderStatus.Refunded:
            case OrderStatus.Pending:
            default:
                return null;
        }
    }

    // Debug: every order moves several times, and the order's history holds each move with its reason.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId} moved {From} -> {To} on {Trigger}: {Reason}")]
    private static partial void LogMoved(ILogger logger, Guid orderId, string from, string to, OrderTrigger trigger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: {Trigger} does not apply in status {Status}; nothing changed")]
    private static partial void LogIgnored(ILogger logger, Guid orderId, OrderTrigger trigger, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No order {OrderId} for {Trigger}; ignored")]
    private static partial void LogUnknownOrder(ILogger logger, Guid orderId, OrderTrigger trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled before payment {PaymentId} succeeded; refund requested")]
    private static partial void LogLatePaymentRefunded(ILogger logger, Guid orderId, Guid paymentId);
}
