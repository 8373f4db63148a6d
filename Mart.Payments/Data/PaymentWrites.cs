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
            UPDATE payments SET status = $2, gateway_reference = $3, failure_code = $4, failure_reason = $5, payment_token = $6,
                attempts = $7, next_attempt_at = $8, in_call_until = $9, refund_requested_at = $10, refund_reason = $11,
                refund_reference = $12, refunded_at = $13, updated_at = $14
            WHERE id = $1
            """);
        update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = payment.Id });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payment.Status.ToName() });
        update.Parameters.Add(NullableParameters.Text(payment.GatewayReference));
        update.Parameters.Add(NullableParameters.Text(payment.FailureCode));
        update.Parameters.Add(NullableParameters.Text(payment.FailureReason));
        update.Parameters.Add(NullableParameters.Text(payment.PaymentToken));
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = payment.Attempts });
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = payment.NextAttemptAt });
        update.Parameters.Add(NullableParameters.TimestampTz(payment.InCallUntil));
        update.Parameters.Add(NullableParameters.TimestampTz(payment.RefundRequestedAt));
        update.Parameters.Add(NullableParameters.Text(payment.RefundReason));
        update.Parameters.Add(NullableParameters.Text(payment.RefundReference));
        update.Parameters.Add(NullableParameters.TimestampTz(payment.RefundedAt));
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = payment.UpdatedAt });
        batch.BatchCommands.Add(update);
        if (message is not null)
        {
            outbox.Enqueue(db, message, batch);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            throw new InvalidOperationException($"Payment {payment.Id} was not found to store its outcome.");
        }
    }
}
