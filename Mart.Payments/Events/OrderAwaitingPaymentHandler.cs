using Mart.Contracts;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.Payments.Gateway;

namespace Mart.Payments.Events;

/// <summary>
/// order.awaiting-payment: records the order's payment as pending; the workers charge it once this commits. The
/// unique order id makes a second request for the same order a no-op, so an order is charged at most once; an order
/// Payments has seen cancelled (a late entry, a dead-letter replay, which comes at the end of the stream) gets none.
/// </summary>
public sealed partial class OrderAwaitingPaymentHandler(
    PaymentsDbContext db,
    IPaymentGateway gateway,
    TimeProvider timeProvider,
    ILogger<OrderAwaitingPaymentHandler> logger) : IEventHandler<OrderAwaitingPayment>
{
    public async Task HandleAsync(OrderAwaitingPayment message, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = EventIds.Parse(message.OrderId, "order_id");
        var amount = message.Amount?.ToDecimal() ?? 0m;
        var currency = message.Amount?.Currency ?? string.Empty;
        if (amount <= 0 || currency.Length != 3)
        {
            // Nothing sensible to charge; Orders' timeout will close the order.
            LogUnchargeable(logger, orderId, amount, currency);
            return;
        }

        var payment = Payment.Request(Guid.CreateVersion7(), orderId, amount, currency, gateway.Name, message.PaymentToken, timeProvider.GetDatabaseNow());
        if (!await PaymentWrites.RequestAsync(db, payment, cancellationToken))
        {
            await LogNotRecordedAsync(orderId, cancellationToken);
        }
    }

    /// <summary>Says why no payment was recorded: the order was cancelled, or it has one already.</summary>
    private async Task LogNotRecordedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await PaymentWrites.CancelledReasonAsync(db, orderId, cancellationToken) is { } reason)
        {
            LogCancelledOrder(logger, orderId, reason);
        }
        else
        {
            LogAlreadyRequested(logger, orderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled ({Reason}); its order.awaiting-payment records no payment and nothing is charged")]
    private static partial void LogCancelledOrder(ILogger logger, Guid orderId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} already has a payment; not charging again")]
    private static partial void LogAlreadyRequested(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} asks for {Amount} {Currency}, which cannot be charged; ignored")]
    private static partial void LogUnchargeable(ILogger logger, Guid orderId, decimal amount, string currency);
}
