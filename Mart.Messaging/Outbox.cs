using Google.Protobuf;
using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mart.Messaging;

/// <summary>Writes events to the outbox table of the caller's DbContext.</summary>
internal sealed class Outbox(
    EventTypeRegistry registry, MessageIds ids, OutboxCommitInterceptor commits, TimeProvider timeProvider, IOptions<MessagingOptions> options) : IOutbox
{
    public OutboxMessage Enqueue<TMessage>(DbContext dbContext, TMessage message)
        where TMessage : IMessage
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        var row = CreateRow(message);
        dbContext.Set<OutboxMessage>().Add(row);
        commits.Enqueued(dbContext);
        return row;
    }

    public OutboxMessage Enqueue(DbContext dbContext, IMessage message, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        ArgumentNullException.ThrowIfNull(batch);
        var row = CreateRow(message);
        var insert = new NpgsqlBatchCommand("INSERT INTO outbox (id, type, data, traceparent, occurred_at) VALUES ($1, $2, $3, $4, $5)");
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Type });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = row.Data });
        insert.Parameters.Add(NullableParameters.Text(row.TraceParent));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.OccurredAt });
        batch.BatchCommands.Add(insert);
        commits.Enqueued(dbContext);
        return row;
    }

    private OutboxMessage CreateRow(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = registry.GetTypeName(message.GetType());
        var id = ids.Next();

        // The span covers creating the message; its context is stored so the consumer span becomes its child.
        using var activity = MessagingActivities.StartCreate(options.Value.ResolvedStream, type, id);
        return new OutboxMessage
        {
            Id = id,
            Type = type,
            Data = message.ToByteArray(),
            TraceParent = activity?.Id ?? System.Diagnostics.Activity.Current?.Id,
            OccurredAt = timeProvider.GetUtcNow(),
        };
    }
}
