namespace Mart.AppHost.Events;

/// <summary>What one read of a stream found.</summary>
/// <param name="Exists">False until the first entry is published (Redis has no empty stream without groups).</param>
internal sealed record StreamReading(
    bool Exists,
    long Length,
    string? LastEntryId,
    DateTimeOffset? LastEntryAt,
    long DeadLetters,
    IReadOnlyList<GroupReading> Groups);

/// <summary>A consumer group (one per consuming service).</summary>
/// <param name="Pending">Delivered but not acknowledged.</param>
/// <param name="Lag">Entries not yet delivered to the group.</param>
/// <param name="LagUnknown">
/// Redis could not compute the lag (entries the group had not read were deleted or trimmed), so <paramref name="Lag"/>
/// is a count of the entries after its last delivered id, and some may be lost to it.
/// </param>
internal sealed record GroupReading(string Name, long Pending, long Lag, bool LagUnknown, string LastDeliveredId, IReadOnlyList<ConsumerReading> Consumers);

/// <summary>A consumer (one per service instance) and how long since it last read.</summary>
internal sealed record ConsumerReading(string Name, long Pending, long IdleMilliseconds);
