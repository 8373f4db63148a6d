namespace Mart.ServiceDefaults.Redis;

/// <summary>The summary form of XPENDING.</summary>
/// <param name="Count">Entries delivered but not acknowledged.</param>
/// <param name="LowestId">Smallest pending id, or <see langword="null"/> when nothing is pending.</param>
/// <param name="HighestId">Greatest pending id, or <see langword="null"/> when nothing is pending.</param>
/// <param name="Consumers">Pending count per consumer that has any.</param>
public sealed record StreamPendingSummary(long Count, string? LowestId, string? HighestId, IReadOnlyList<StreamConsumerPending> Consumers);

/// <summary>How many entries one consumer holds unacknowledged.</summary>
public sealed record StreamConsumerPending(string Consumer, long Count);
