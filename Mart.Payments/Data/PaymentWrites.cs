using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Charging;
using Mart.Payments.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Payments.Data;

/// <summary>
/// The payments' hand-written SQL, run in the open transaction. Every payment is recorded, taken by a worker and
/// settled this way: through EF's change tracker each write cost more CPU than its SQL.
/// </summary>
public static class PaymentWrites
{
    // The statuses are part of the text, not parameters, and match the payments_due index's predicate: a prepared
    // statement's generic plan can then use that partial index too.
    private static readonly string TakeNextDueSql = $"""
        WITH due AS (
            SELECT id, next_attempt_at, in_call_until FROM payments
            WHERE (status = '{PaymentStatus.Pending.ToName()}'
                OR (status = '{PaymentStatus.Succeeded.ToName()}' AND refund_requested_at IS NOT NULL))
              AND next_attempt_at <= @now
            ORDER BY next_attempt_at
            LIMIT 2
            FOR UPDATE SKIP LOCKED),
        taken AS (SELECT id, in_call_until FROM due ORDER BY next_attempt_at LIMIT 1)
        UPDATE payments SET in_call_until = @lease, next_attempt_at = @lease, updated_at = @now
        FROM taken
        WHERE payments.id = taken.id
        RETURNING payments.id, status, amount, currency, payment_token, gateway_reference, (SELECT count(*) FROM due) > 1,
            taken.in_call_until IS NOT NULL,
            refund_requested_at IS NOT NULL OR EXISTS (SELECT 1 FROM cancelled_orders c WHERE c.order_id = payments.order_id)
        """;

    /// <summary>
    /// Records <paramref name="payment"/> as pending unless its order has a payment already or is among the cancelled
    /// orders; false when nothing was recorded.
    /// </summary>
    /// <remarks>
    /// ON CONFLICT rather than a look-up first: two deliveries racing on replicas still create one payment, and the
    /// cancelled orders are checked in the same statement.
    /// </remarks>
    public static async Task<bool> RequestAsync(PaymentsDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO payments (id, order_id, amount, currency, status, gateway, payment_token, attempts, next_attempt_at, created_at, updated_at)
            SELECT @id, @order_id, @amount, @currency, @status, @gateway, @payment_token, @attempts, @next_attempt_at, @created_at, @updated_at
            WHERE NOT EXISTS (SELECT 1 FROM cancelled_orders WHERE order_id = @order_id)
            ON CONFLICT (order_id) DO NOTHING
            """,
            transaction.Connection,
            transaction);
        insert.Parameters
            .Bind("id", payment.Id)
            .Bind("order_id", payment.OrderId)
            .Bind("amount", payment.Amount)
            .Bind("currency", payment.Currency)
            .Bind("status", payment.Status.ToName())
            .Bind("gateway", payment.Gateway)
            .BindNullable("payment_token", payment.PaymentToken)
            .Bind("attempts", payment.Attempts)
            .Bind("next_attempt_at", payment.NextAttemptAt)
            .Bind("created_at", payment.CreatedAt)
            .Bind("updated_at", payment.UpdatedAt);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Remembers the order as cancelled (the first reason stays), so no payment is recorded for it later.</summary>
    public static async Task RememberCancelledAsync(
        PaymentsDbContext db, Guid orderId, string reason, DateTimeOffset cancelledAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO cancelled_orders (order_id, reason, cancelled_at) VALUES ({orderId}, {reason}, {cancelledAt}) ON CONFLICT (order_id) DO NOTHING",
            cancellationToken);

    /// <summary>Why the order was cancelled, or null when Payments has not seen it cancelled.</summary>
    public static async Task<string?> CancelledReasonAsync(PaymentsDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var select = new NpgsqlCommand("SELECT reason FROM cancelled_orders WHERE order_id = @order_id", transaction.Connection, transaction);
        select.Parameters.Bind("order_id", orderId);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Takes the oldest due charge or refund (rows other workers hold are skipped) and gives it the lease that ends at
    /// <paramref name="lease"/>; null when nothing is due. <c>MoreDue</c> tells whether another was due too.
    /// </summary>
    /// <remarks>
    /// The commit need not wait for the disk: should the lease be lost in a crash, the payment is only due again, and
    /// its next call carries the same key. The call says whether an earlier charge is unsettled (<c>in_call_until</c>
    /// was set before this lease) and whether a new charge is ruled out (a refund is asked for, or the order was cancelled).
    /// </remarks>
    internal static async Task<(GatewayCall Call, bool MoreDue)?> TakeNextDueAsync(
        PaymentsDbContext db, DateTimeOffset now, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var take = new NpgsqlBatchCommand(TakeNextDueSql);
        take.Parameters
            .Bind("now", now)
            .Bind("lease", lease);
        batch.BatchCommands.Add(take);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var call = GatewayCall.For(
            reader.GetGuid(0),
            PaymentStatusNames.Parse(reader.GetString(1)),
            reader.GetDecimal(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            lease) with
        {
            SettleFirst = reader.GetBoolean(7),
            ChargeRuledOut = reader.GetBoolean(8),
        };
        return (call, reader.GetBoolean(6));
    }

    /// <summary>
    /// Stores a gateway call's outcome: <paramref name="payment"/>'s mutable fields and, when given, the outbox row of
    /// <paramref name="message"/>, in one round trip.
    /// </summary>
    /// <remarks>The caller's transaction holds the row lock; a tracked payment would be written again by SaveChanges.</remarks>
    public static async Task SaveAsync(PaymentsDbContext db, Payment payment, IOutbox outbox, IMessage? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payment);
        if (db.Entry(payment).State != EntityState.Detached)
        {
            throw new InvalidOperationException($"Payment {payment.Id} is tracked; load it untracked (and locked) to store it as SQL.");
        }

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
