using System.Diagnostics;

namespace Mart.Messaging;

/// <summary>Spans named and tagged after the OpenTelemetry messaging semantic conventions.</summary>
internal static class MessagingActivities
{
    private const string System = "redis";

    /// <summary>Producer span for one event as it is written to the outbox; its context travels in the entry.</summary>
    public static Activity? StartCreate(string stream, string type, Guid messageId)
    {
        var activity = MessagingDiagnostics.ActivitySource.StartActivity($"create {stream}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", System);
            activity.SetTag("messaging.operation.type", "create");
            activity.SetTag("messaging.destination.name", stream);
            activity.SetTag("messaging.message.id", messageId.ToString());
            activity.SetTag("mart.event.type", type);
        }

        return activity;
    }

    /// <summary>Span of one relay batch, linked to the producer span of every event it sends.</summary>
    public static Activity? StartSend(string stream, IReadOnlyList<OutboxMessage> batch)
    {
        var links = new List<ActivityLink>(batch.Count);
        foreach (var message in batch)
        {
            if (message.TraceParent is not null && ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        // A root span: the relay runs outside any request, and the links carry the causality.
        var activity = MessagingDiagnostics.ActivitySource.StartActivity($"send {stream}", ActivityKind.Client, parentContext: default, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", System);
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", stream);
            activity.SetTag("messaging.batch.message_count", batch.Count);
        }

        return activity;
    }

    /// <summary>Consumer span for handling one entry, a child of the producer span named by its traceparent.</summary>
    public static Activity? StartProcess(string stream, string group, string entryId, EventEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, null, isRemote: true, out var parent);
        var activity = MessagingDiagnostics.ActivitySource.StartActivity($"process {stream}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", System);
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", stream);
            activity.SetTag("messaging.consumer.group.name", group);
            activity.SetTag("messaging.message.id", envelope.Id.ToString());
            activity.SetTag("messaging.redis.entry_id", entryId);
            activity.SetTag("mart.event.type", envelope.Type);
            activity.SetTag("mart.event.source", envelope.Source);
        }

        return activity;
    }
}
