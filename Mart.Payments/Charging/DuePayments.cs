using Mart.Payments.Domain;
using Npgsql;

namespace Mart.Payments.Charging;

/// <summary>The workers' SQL for taking the next due payment, run on the DbContext's connection and transaction.</summary>
internal static class DuePayments
{
    /// <summary>
    /// Takes the oldest due charge or refund (rows other workers hold are skipped) and gives it the lease that ends at
    /// <paramref name="lease"/>, in one round trip; null when nothing is due. <c>MoreDue</c> tells whether another was
    /// due too (held for this statement only, then free for the next look). The commit need not wait for the disk:
    /// should the lease be lost in a crash, the payment is only due again, and its next call carries the same key.
    /// </summary>
    /// <remarks>
    /// The call also says whether an earlier charge is unsettled (<c>in_call_until</c> was set before this lease) and
    /// whether a new charge is ruled out (a refund is asked for, or the order is among the cancelled orders).
    /// </remarks>
    public static async Task<(GatewayCall Call, bool MoreDue)?> TakeNextAsync(
        NpgsqlTransaction transaction, DateTimeOffset now, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        var take = new NpgsqlBatchCommand(
            """
            WITH due AS (
                SELECT id, next_attempt_at, in_call_until FROM payments
                WHERE (status = 'pending' OR (status = 'succeeded' AND refund_requested_at IS NOT NULL))
                  AND next_attempt_at <= $1
                ORDER BY next_attempt_at
                LIMIT 2
                FOR UPDATE SKIP LOCKED),
            taken AS (SELECT id, in_call_until FROM due ORDER BY next_attempt_at LIMIT 1)
            UPDATE payments SET in_call_until = $2, next_attempt_at = $2, updated_at = $1
            FROM taken
            WHERE payments.id = taken.id
            RETURNING payments.id, status, amount, currency, payment_token, gateway_reference, (SELECT count(*) FROM due) > 1,
                taken.in_call_until IS NOT NULL,
                refund_requested_at IS NOT NULL OR EXISTS (SELECT 1 FROM cancelled_orders c WHERE c.order_id = payments.order_id)
            """);
        take.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        take.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = lease });
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
}
