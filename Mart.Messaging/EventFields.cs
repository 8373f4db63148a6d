namespace Mart.Messaging;

/// <summary>Names of the stream entry fields, shared by producers, consumers and dead letters.</summary>
public static class EventFields
{
    /// <summary>UUID v7 of the event (the outbox row id).</summary>
    public const string Id = "id";

    /// <summary>Versioned type name, e.g. <c>order.placed.v1</c>.</summary>
    public const string Type = "type";

    /// <summary>Protobuf bytes of the message.</summary>
    public const string Data = "data";

    /// <summary>W3C traceparent of the producer span.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>Producing service.</summary>
    public const string Source = "source";

    /// <summary>Enqueue time, unix milliseconds.</summary>
    public const string Occurred = "occurred";

    /// <summary>Dead letters only: the failure, "ExceptionType: message".</summary>
    public const string Error = "error";

    /// <summary>Dead letters only: attempts made before giving up.</summary>
    public const string Attempts = "attempts";

    /// <summary>Dead letters only: consumer group that gave up.</summary>
    public const string ConsumerGroup = "consumer_group";

    /// <summary>Dead letters only: the stream the entry came from.</summary>
    public const string OriginalStream = "original_stream";

    /// <summary>Dead letters only: the entry id on the original stream.</summary>
    public const string OriginalEntryId = "original_entry_id";

    /// <summary>Dead letters only: when it was dead-lettered, unix milliseconds.</summary>
    public const string FailedAt = "failed_at";
}
