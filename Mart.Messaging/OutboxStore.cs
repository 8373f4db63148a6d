using Npgsql;

namespace Mart.Messaging;

/// <summary>The relay's SQL against the <c>outbox</c> table, run on the DbContext's connection and transaction.</summary>
internal static class OutboxStore
{
    // pg_try_advisory_xact_lock(int, int) keys; advisory locks are per database, so one constant pair serves
    // every service. The two-int key space never collides with single-bigint keys such as a migrator's.
    private const int LockClass = 0x4D617274; // "Mart"
    private const int LockObject = 0x4F757478; // "Outx"

    /// <summary>Takes the relay lock and claims the oldest unsent rows, marked sent, in id order; none when another
    /// replica holds the lock.</summary>
    /// <remarks>
    /// SKIP LOCKED alone keeps replicas off each other's rows but would interleave their batches on the stream; the
    /// lock makes them take turns. The mark counts only if the relay commits after publishing. COMMIT does not wait for
    /// the WAL flush: a mark lost in a crash only republishes rows, which consumers deduplicate.
    /// </remarks>
    public static async Task<List<OutboxMessage>> ClaimAsync(NpgsqlTransaction transaction, int limit, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        // The first CTE calls the (volatile) lock function exactly once, before any row is looked at.
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        var claim = new NpgsqlBatchCommand(
            """
            WITH relay AS (SELECT pg_try_advisory_xact_lock($2, $3) AS locked),
            claimed AS (
                SELECT o.id
                FROM relay, outbox o
                WHERE relay.locked AND o.sent_at IS NULL
                ORDER BY o.id
                LIMIT $1
                FOR UPDATE OF o SKIP LOCKED
            ),
            marked AS (
                UPDATE outbox SET sent_at = $4
                WHERE id = ANY (ARRAY (SELECT id FROM claimed))
                RETURNING id, type, data, traceparent, occurred_at
            )
            SELECT id, type, data, traceparent, occurred_at FROM marked ORDER BY id
            """);
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockObject });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt });
        batch.BatchCommands.Add(claim);

        var rows = new List<OutboxMessage>(limit);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxMessage
            {
                Id = reader.GetGuid(0),
                Type = reader.GetString(1),
                Data = (byte[])reader[2],
                TraceParent = reader.IsDBNull(3) ? null : reader.GetString(3),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(4),
                SentAt = sentAt,
            });
        }

        return rows;
    }

    public static async Task<long> CountUnsentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox WHERE sent_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<int> DeleteSentBeforeAsync(NpgsqlConnection connection, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1", connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
