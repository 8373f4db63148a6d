using Google.Protobuf;
using Mart.Payments.Domain;
using Mart.Data;
using Mart.Messaging;
using Npgsql;

namespace Mart.Payments.Data;

/// <summary>
/// Writes a gateway call's outcome (the payment's mutable fields and the event it publishes) as SQL in the open
/// transaction, in one round trip. Every order's payment is recorded this way; through EF's change tracker the write
/// cost more CPU than its SQL. The row is locked by the caller, so nothing is lost by writing it directly.
/// </summary>
public static class PaymentWrites
{
    /// <summary>
    /// Stores <paramref name="payment"/>'s mutable fields and, when given, the outbox row of <paramref name="message"/>.
    /// The payment must be locked by the caller's transaction (<c>FOR UPDATE</c>) and untracked.
    /// </summary>
    public static async Task SaveAsync(PaymentsDbContext db, Payment payment, IOutbox outbox, IMessage? message, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        var update = new NpgsqlBatchCommand(
            """
            UPDATE payments SET status = @status, gateway_reference = @gateway_reference, failure_code = @failure_code,
                failure_reason = @failure_reason, payment_token = @payment_token, attempts = @attempts,
                next_attempt_at = @next_attempt_at, in_call_until = @in_call_until, refund_requested_at = @refund_requested_at,
                refund_reason = @refund_reason, refund_reference = @refund_reference, refunded_at = @refunded_at,
                updated_at = @updated_at
            WHERE id = @id
            """);
        update.Parameters
            .Bind("id", payment.Id)
            .Bind("status", payment.Status.ToName())
            .BindNullable("gateway_reference", payment.GatewayReference)
            .BindNullable("failure_code", payment.FailureCode)
            .BindNullable("failure_reason", payment.FailureReason)
            .BindNullable("payment_token", payment.PaymentToken)
            .Bind("attempts", payment.Attempts)
            .Bind("next_attempt_at", payment.NextAttemptAt)
            .BindNullable("in_call_until", payment.InCallUntil)
            .BindNullable("refund_requested_at", payment.RefundRequestedAt)
            .BindNullable("refund_reason", payment.RefundReason)
            .BindNullable("refund_reference", payment.RefundReference)
            .BindNullable("refunded_at", payment.RefundedAt)
            .Bind("updated_at", payment.UpdatedAt);
        batch.BatchCommands.Add(update);
        if (message is not null)
        {
            outbox.Enqueue(db, message);
        }

        batch.AddEnqueued(db);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            throw new InvalidOperationException($"Payment {payment.Id} was not found to store its outcome.");
        }
    }
}
