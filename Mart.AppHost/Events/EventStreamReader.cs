using System.Globalization;
using StackExchange.Redis;

namespace Mart.AppHost.Events;

/// <summary>Reads a stream's size, newest entry, consumer groups and dead letters (XINFO STREAM/GROUPS/CONSUMERS, XLEN).</summary>
internal static class EventStreamReader
{
    /// <summary>Counting by hand is bounded: past this many undelivered entries the exact number no longer matters.</summary>
    private const int LagCountLimit = 10_000;

    public static async Task<StreamReading> ReadAsync(IDatabase redis, EventStreamResource stream)
    {
        var deadLetters = redis.StreamLengthAsync(stream.DeadLetterStream);
        if (await redis.KeyTypeAsync(stream.Stream).ConfigureAwait(false) != RedisType.Stream)
        {
            return new StreamReading(false, 0, null, null, await deadLetters.ConfigureAwait(false), []);
        }

        var info = await redis.StreamInfoAsync(stream.Stream).ConfigureAwait(false);
        var groups = await redis.StreamGroupInfoAsync(stream.Stream).ConfigureAwait(false);
        var readings = new List<GroupReading>(groups.Length);
        foreach (var group in groups.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var consumers = await redis.StreamConsumerInfoAsync(stream.Stream, group.Name).ConfigureAwait(false);
            var lastDelivered = group.LastDeliveredId ?? "0-0";
            readings.Add(new GroupReading(
                group.Name,
                group.PendingMessageCount,
                group.Lag ?? await CountAfterAsync(redis, stream.Stream, lastDelivered).ConfigureAwait(false),
                group.Lag is null,
                lastDelivered,
                [.. consumers.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ConsumerReading(c.Name, c.PendingMessageCount, c.IdleTimeInMilliseconds))]));
        }

        var last = info.LastEntry.IsNull ? null : (string?)info.LastEntry.Id;
        return new StreamReading(true, info.Length, last, last is null ? null : TimeOf(last), await deadLetters.ConfigureAwait(false), readings);
    }

    /// <summary>Stream ids start with the unix milliseconds at which Redis added the entry.</summary>
    public static DateTimeOffset? TimeOf(string entryId) =>
        long.TryParse(entryId.AsSpan(0, Math.Max(0, entryId.IndexOf('-'))), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    // Redis leaves a group's lag unknown when entries it has not read were deleted; then the entries after its last
    // delivered id are counted instead.
    private static async Task<long> CountAfterAsync(IDatabase redis, string stream, string lastDelivered)
    {
        var entries = await redis.StreamRangeAsync(stream, "(" + lastDelivered, "+", LagCountLimit).ConfigureAwait(false);
        return entries.Length;
    }
}
