namespace Mart.ServiceDefaults.Redis;

/// <summary>One group as reported by XINFO GROUPS.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Consumers">Number of consumers in the group.</param>
/// <param name="Pending">Entries delivered but not acknowledged.</param>
/// <param name="LastDeliveredId">Id of the last entry delivered to the group.</param>
/// <param name="EntriesRead">Logical read counter (Redis 7+); <see langword="null"/> when unknown.</param>
/// <param name="Lag">Entries not yet delivered to the group (Redis 7+); <see langword="null"/> when Redis cannot tell.</param>
public sealed record StreamGroupInfo(string Name, long Consumers, long Pending, string LastDeliveredId, long? EntriesRead, long? Lag);
