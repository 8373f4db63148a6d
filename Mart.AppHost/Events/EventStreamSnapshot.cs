using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.AppHost.Events;

/// <summary>
/// Turns a reading into the resource's snapshot: its properties (names say <c>length</c>, <c>lag</c>, <c>dead</c> so
/// people and tools find them), health reports, and a state that warns while dead letters wait or a group falls behind.
/// </summary>
internal static class EventStreamSnapshot
{
    public const string DeadLettersReport = "dead-letters";
    public const string LagReport = "consumer-lag";
    public const string RedisReport = "redis";

    private const string StreamPrefix = "stream.";
    private const string GroupPrefix = "group.";

    public static CustomResourceSnapshot Initial(EventStreamResource stream) => new()
    {
        ResourceType = EventStreamResource.ResourceType,
        State = KnownResourceStates.NotStarted,
        Properties = [Property("stream.key", "Stream", stream.Stream), Property("stream.dead-letter-key", "Dead-letter stream", stream.DeadLetterStream)],
    };

    public static CustomResourceSnapshot Read(CustomResourceSnapshot previous, EventStreamResource stream, StreamReading reading, IReadOnlyDictionary<string, long> growing, TimeSpan window)
    {
        var properties = new List<ResourcePropertySnapshot>
        {
            Property("stream.key", "Stream", stream.Stream),
            Property("stream.length", "Length", Count(reading.Length)),
            Property("stream.last-entry.id", "Last entry id", reading.LastEntryId ?? "none"),
            Property("stream.last-entry.time", "Last entry at", reading.LastEntryAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "none"),
            Property("stream.dead-letters", "Dead letters", Count(reading.DeadLetters)),
            Property("stream.dead-letter-key", "Dead-letter stream", stream.DeadLetterStream),
            Property("stream.lag", "Lag (highest group)", Count(reading.Groups.Count == 0 ? 0 : reading.Groups.Max(g => g.Lag))),
            Property("stream.groups", "Consumer groups", reading.Groups.Select(g => g.Name).ToArray()),
        };
        foreach (var group in reading.Groups)
        {
            var prefix = GroupPrefix + group.Name;
            properties.Add(Property(prefix + ".consumers", $"{group.Name}: consumers", group.Consumers
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} (pending {c.Pending}, idle {c.IdleMilliseconds / 1000.0:0.#} s)"))
                .ToArray()));
            properties.Add(Property(prefix + ".pending", $"{group.Name}: pending", Count(group.Pending)));
            properties.Add(Property(prefix + ".lag", $"{group.Name}: lag", group.LagUnknown ? $"unknown ({Count(group.Lag)} counted)" : Count(group.Lag)));
            properties.Add(Property(prefix + ".last-delivered-id", $"{group.Name}: last delivered id", group.LastDeliveredId));
        }

        var deadLetters = reading.DeadLetters == 0
            ? Report(DeadLettersReport, HealthStatus.Healthy, $"No dead letters in {stream.DeadLetterStream}.")
            : Report(DeadLettersReport, HealthStatus.Degraded,
                $"{reading.DeadLetters} dead letter(s) in {stream.DeadLetterStream}: read them with show-dead-letters, put them back with replay-dead-letters.");
        var unknown = reading.Groups.Where(g => g.LagUnknown).ToList();
        var lag = growing.Count == 0 && unknown.Count == 0
            ? Report(LagReport, HealthStatus.Healthy, "No consumer group is falling behind.")
            : Report(LagReport, HealthStatus.Degraded, string.Join(" ", growing.Select(g =>
                    $"Group '{g.Key}' lag kept growing for {window.TotalSeconds:0} s: {g.Value} → {reading.Groups.Single(r => r.Name == g.Key).Lag}.")
                .Concat(unknown.Select(g =>
                    $"Group '{g.Name}' lag is unknown to Redis: entries it had not read were deleted or trimmed ({g.Lag} counted after its last delivered id)."))));
        var warn = reading.DeadLetters > 0 || growing.Count > 0 || unknown.Count > 0;
        return (previous with
        {
            State = new ResourceStateSnapshot(KnownResourceStates.Running, warn ? KnownResourceStateStyles.Warn : KnownResourceStateStyles.Success),
            StartTimeStamp = previous.StartTimeStamp ?? DateTime.UtcNow,
            Properties = Merge(previous.Properties, properties),
        }).WithHealthReports([deadLetters, lag, Report(RedisReport, HealthStatus.Healthy, $"Read {stream.Stream} from Redis.")]);
    }

    /// <summary>Redis cannot be read (stopped, restarting): the stream waits, and says why.</summary>
    public static CustomResourceSnapshot Unavailable(CustomResourceSnapshot previous, string reason) => (previous with
    {
        State = new ResourceStateSnapshot(KnownResourceStates.Waiting, KnownResourceStateStyles.Warn),
    }).WithHealthReports([Report(RedisReport, HealthStatus.Unhealthy, $"Redis cannot be read: {reason}")]);

    /// <summary>Whether two snapshots show the same thing, so an unchanged reading publishes nothing.</summary>
    public static bool Same(CustomResourceSnapshot a, CustomResourceSnapshot b) =>
        a.State == b.State
        && a.HealthReports.Select(r => (r.Name, r.Status, r.Description)).SequenceEqual(b.HealthReports.Select(r => (r.Name, r.Status, r.Description)))
        && a.Properties.Length == b.Properties.Length
        && a.Properties.Zip(b.Properties).All(p => p.First.Name == p.Second.Name && Text(p.First.Value) == Text(p.Second.Value));

    private static string? Text(object? value) => value is string[] list ? string.Join('\n', list) : value?.ToString();

    // Aspire shows int and string[] values as numbers and lists; anything else as its ToString().
    private static int Count(long value) => (int)Math.Min(value, int.MaxValue);

    private static ResourcePropertySnapshot Property(string name, string displayName, object value) => new(name, value) { DisplayName = displayName };

    private static HealthReportSnapshot Report(string name, HealthStatus status, string description) => new(name, status, description, null);

    // Properties Aspire itself put on the resource stay; the stream's own are replaced, so a group that is gone disappears.
    private static ImmutableArray<ResourcePropertySnapshot> Merge(ImmutableArray<ResourcePropertySnapshot> previous, List<ResourcePropertySnapshot> current) =>
        [.. previous.Where(p => !p.Name.StartsWith(StreamPrefix, StringComparison.Ordinal) && !p.Name.StartsWith(GroupPrefix, StringComparison.Ordinal)), .. current];
}
