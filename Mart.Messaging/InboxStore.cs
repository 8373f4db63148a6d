using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Messaging;

/// <summary>The consumers' SQL against the <c>inbox</c> table, on the DbContext's connection and open transaction.</summary>
internal static class InboxStore
{
    /// <summary>Inserts the inbox rows of <paramref name="ids"/> in one statement; returns the ids not handled
    /// before.</summary>
    /// <remarks>A concurrent attempt on an id blocks on the primary key until the first commits, then gets nothing
    /// back. A plain command: EF would build SQL given with parameters again on every call.</remarks>
    public static async Task<HashSet<Guid>> RecordAsync(DbContext db, string group, Guid[] ids, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        // In the transaction of the handlers' effects: both commit, or neither.
        var transaction = db.CurrentNpgsqlTransaction();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO inbox (message_id, consumer_group, processed_at)
            SELECT id, $1, $2 FROM unnest($3) AS id
            ON CONFLICT DO NOTHING
            RETURNING message_id
            """,
            transaction.Connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = processedAt });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });

        var recorded = new HashSet<Guid>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }
}
