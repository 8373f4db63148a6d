using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
