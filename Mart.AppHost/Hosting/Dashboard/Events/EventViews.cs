namespace Mart.Hosting.Dashboard.Events;

/// <summary>The Events page: every stream of the catalogue, or why Redis cannot be read.</summary>
internal sealed record EventOverview(string? Redis, string? Unavailable, IReadOnlyList<StreamView> Streams);

/// <summary>One event stream: its size, newest entry, consumer groups and dead letters.</summary>
internal sealed record StreamView(string Name, long Length, string? LastEntryId, DateTimeOffset? LastEntryAt, long DeadLetters, IReadOnlyList<GroupView> Groups);

/// <summary>A consumer group (one per consuming service): entries delivered but not acknowledged, entries not yet delivered.</summary>
internal sealed record GroupView(string Name, long Pending, long? Lag, string LastDeliveredId, IReadOnlyList<ConsumerView> Consumers);

/// <summary>A consumer (one per service instance) and how long since it last read.</summary>
internal sealed record ConsumerView(string Name, long Pending, long IdleMs);

/// <summary>An event as it sits on a stream, its payload decoded from protobuf to JSON.</summary>
internal sealed record EventEntryView(
    string EntryId, string? Id, string? Type, string? Source, DateTimeOffset? Occurred, string? TraceId, string? Payload, string? PayloadError);

/// <summary>A dead letter: the event, and why and where it was given up.</summary>
internal sealed record DeadLetterView(
    string Stream, EventEntryView Event, string Error, int Attempts, string ConsumerGroup, string OriginalEntryId, DateTimeOffset? FailedAt);

/// <summary>The answer to a replay: the id the event got on its stream again.</summary>
internal sealed record ReplayResult(string Stream, string DeadLetterId, string ReplayedAs);
