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
    /// Takes the relay lock for this transaction. Rows are claimed with SKIP LOCKED so replicas never publish the
    /// same row, but two replicas publishing different batches at once would interleave them on the stream;
    /// the lock makes replicas take turns, so the stream order is the id order.
    /// </summary>
    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockObject });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Lets the relay's commit return before its WAL record is flushed. Losing that commit in a crash only means
    /// the rows are published again (consumers deduplicate by id), so the relay need not wait for the disk.
    /// </summary>
    public static async Task RelaxDurabilityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The oldest unsent rows, locked until the transaction ends.</summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT id, type, data, traceparent, occurred_at
            FROM outbox
            WHERE sent_at IS NULL
            ORDER BY id
            LIMIT $1
            FOR UPDATE SKIP LOCKED
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });

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

    public static async Task MarkSentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE outbox SET sent_at = $1 WHERE id = ANY($2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await command.ExecuteNonQueryAsync(cancellationToken);
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
