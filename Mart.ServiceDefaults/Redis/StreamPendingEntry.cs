namespace Mart.ServiceDefaults.Redis;

/// <summary>One row of the extended form of XPENDING.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Consumer">The consumer that holds it.</param>
/// <param name="Idle">Time since it was last delivered.</param>
/// <param name="DeliveryCount">How many times it was delivered.</param>
public sealed record StreamPendingEntry(string Id, string Consumer, TimeSpan Idle, long DeliveryCount);
