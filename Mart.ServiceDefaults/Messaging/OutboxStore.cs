using Npgsql;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>The relay's SQL against the <c>outbox</c> table, run on the DbContext's connection and transaction.</summary>
internal static class OutboxStore
{
    // pg_try_advisory_xact_lock(int, int) keys; advisory locks are per database, so one constant pair serves
    // every service. The two-int key space never collides with single-bigint keys such as a migrator's.
    private const int LockClass = 0x4D617274; // "Mart"
    private const int LockObject = 0x4F757478; // "Outx"

    /// <summary>
    /// Takes the relay lock for this transaction and, when it got it, claims the oldest unsent rows (locked until the
    /// transaction ends), in one round trip. Rows are claimed with SKIP LOCKED so replicas never publish the same row,
    /// but two replicas publishing different batches at once would interleave them on the stream; the lock makes
    /// replicas take turns, so the stream order is the id order. No rows when another replica holds the lock.
    /// </summary>
    public static async Task<List<OutboxMessage>> LockAndClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        // The CTE calls the (volatile) lock function exactly once, before any row is looked at.
        await using var command = new NpgsqlCommand(
            """
            WITH relay AS (SELECT pg_try_advisory_xact_lock($2, $3) AS locked)
            SELECT o.id, o.type, o.data, o.traceparent, o.occurred_at
            FROM relay, outbox o
            WHERE relay.locked AND o.sent_at IS NULL
            ORDER BY o.id
            LIMIT $1
            FOR UPDATE OF o SKIP LOCKED
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockObject });

        var rows = new List<OutboxMessage>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxMessage
            {
                Id = reader.GetGuid(0),
                Type = reader.GetString(1),
                Data = (byte[])reader[2],
                TraceParent = reader.IsDBNull(3) ? null : reader.GetString(3),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(4),
            });
        }

        return rows;
    }

    /// <summary>
    /// Marks the rows sent and lets the relay's commit return before its WAL record is flushed, in one round trip.
    /// Losing that commit in a crash only means the rows are published again (consumers deduplicate by id), so the
    /// relay need not wait for the disk.
    /// </summary>
    public static async Task MarkSentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        var mark = new NpgsqlBatchCommand("UPDATE outbox SET sent_at = $1 WHERE id = ANY($2)");
        mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt });
        mark.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        batch.BatchCommands.Add(mark);
        await batch.ExecuteNonQueryAsync(cancellationToken);
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
