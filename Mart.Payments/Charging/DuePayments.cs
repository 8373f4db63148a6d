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
    public static async Task<(GatewayCall Call, bool MoreDue)?> TakeNextAsync(
        NpgsqlTransaction transaction, DateTimeOffset now, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        var take = new NpgsqlBatchCommand(
            """
            WITH due AS (
                SELECT id, next_attempt_at FROM payments
                WHERE (status = 'pending' OR (status = 'succeeded' AND refund_requested_at IS NOT NULL))
                  AND next_attempt_at <= $1
                ORDER BY next_attempt_at
                LIMIT 2
                FOR UPDATE SKIP LOCKED)
            UPDATE payments SET in_call_until = $2, next_attempt_at = $2, updated_at = $1
            WHERE id = (SELECT id FROM due ORDER BY next_attempt_at LIMIT 1)
            RETURNING id, status, amount, currency, payment_token, gateway_reference, (SELECT count(*) FROM due) > 1
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
            lease);
        return (call, reader.GetBoolean(6));
    }
}
