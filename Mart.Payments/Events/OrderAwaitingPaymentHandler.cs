using Mart.Contracts;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.Payments.Gateway;
using Mart.Data;
using Mart.Messaging;
using Npgsql;

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

        // ON CONFLICT rather than a look-up first: two deliveries racing on replicas still create one payment; the
        // cancelled orders are checked in the same statement. Plain Npgsql in the consumer's transaction: every
        // order's payment starts here.
        var transaction = db.CurrentNpgsqlTransaction();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO payments (id, order_id, amount, currency, status, gateway, payment_token, attempts, next_attempt_at, created_at, updated_at)
            SELECT $1, $2, $3, $4, 'pending', $5, $6, 0, $7, $8, $9
            WHERE NOT EXISTS (SELECT 1 FROM cancelled_orders WHERE order_id = $2)
            ON CONFLICT (order_id) DO NOTHING
            """,
            transaction.Connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = payment.Id });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = payment.OrderId });
        insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = payment.Amount });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payment.Currency });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payment.Gateway });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)payment.PaymentToken ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = payment.NextAttemptAt });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = payment.CreatedAt });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = payment.UpdatedAt });
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        if (inserted == 0)
        {
            await LogNotRecordedAsync(orderId, transaction, cancellationToken);
        }
    }

    /// <summary>Says why no payment was recorded: the order was cancelled, or it has one already.</summary>
    private async Task LogNotRecordedAsync(Guid orderId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var cancelled = new NpgsqlCommand("SELECT reason FROM cancelled_orders WHERE order_id = $1", transaction.Connection, transaction);
        cancelled.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
        if (await cancelled.ExecuteScalarAsync(cancellationToken) is string reason)
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
