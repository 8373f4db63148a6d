namespace Mart.Messaging;

/// <summary>An <c>outbox</c> row: an event committed with the state change that caused it, waiting for the
/// relay.</summary>
public sealed class OutboxMessage
{
    /// <summary>UUID v7; becomes the entry's <c>id</c> field and the consumers' inbox key.</summary>
    public Guid Id { get; init; }

    /// <summary>Versioned type name, e.g. <c>order.placed.v1</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Protobuf bytes of the message.</summary>
    public required byte[] Data { get; init; }

    /// <summary>W3C traceparent of the producer span.</summary>
    public string? TraceParent { get; init; }

    /// <summary>When the event was enqueued.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the relay published it; <see langword="null"/> while waiting.</summary>
    public DateTimeOffset? SentAt { get; set; }
}
