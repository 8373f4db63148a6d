using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Messaging;

/// <summary>For units of work written as SQL: the enqueued events go out in the same round trip as the work.</summary>
public static class OutboxSql
{
    /// <summary>
    /// Adds the INSERT of every outbox row enqueued on <paramref name="dbContext"/> and not yet written to
    /// <paramref name="batch"/>, which must run in the context's open transaction; <c>SaveChanges</c> will not write them again.
    /// </summary>
    public static void AddEnqueued(this NpgsqlBatch batch, DbContext dbContext)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(dbContext);
        foreach (var entry in dbContext.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
        {
            var row = entry.Entity;
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO outbox (id, type, data, traceparent, occurred_at) VALUES (@id, @type, @data, @traceparent, @occurred_at)");
            insert.Parameters
                .Bind("id", row.Id)
                .Bind("type", row.Type)
                .Bind("data", row.Data)
                .BindNullable("traceparent", row.TraceParent)
                .Bind("occurred_at", row.OccurredAt);
            batch.BatchCommands.Add(insert);
            entry.State = EntityState.Unchanged;
        }
    }
}
