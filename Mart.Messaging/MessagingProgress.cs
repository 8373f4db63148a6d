using System.Collections.Concurrent;

namespace Mart.Messaging;

/// <summary>What the relay and the consumers are stuck on, and since when, so that <see cref="MessagingHealthCheck"/>
/// shows a stream that stopped moving.</summary>
internal sealed class MessagingProgress(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Stream, string Group), Work> consumers = new();
    private readonly ConcurrentDictionary<string, Failure> relays = new(StringComparer.Ordinal);

    /// <summary>A consumer starts on <paramref name="entryId"/> (or a batch starting there).</summary>
    public void Started(string stream, string group, string entryId) =>
        consumers[(stream, group)] = new Work(entryId, timeProvider.GetUtcNow(), Problem: null);

    /// <summary>The entry's latest trouble, kept until it is finished.</summary>
    public void Troubled(string stream, string group, string problem)
    {
        if (consumers.TryGetValue((stream, group), out var work))
        {
            consumers[(stream, group)] = work with { Problem = problem };
        }
    }

    /// <summary>The consumer finished its entry (handled, skipped or dead-lettered).</summary>
    public void Finished(string stream, string group) => consumers.TryRemove((stream, group), out _);

    /// <summary>The relay failed to publish; the first failure's time is kept until it publishes again.</summary>
    public void RelayFailed(string stream, string problem) =>
        relays.AddOrUpdate(stream, _ => new Failure(timeProvider.GetUtcNow(), problem), (_, earlier) => earlier with { Problem = problem });

    public void RelayPublished(string stream) => relays.TryRemove(stream, out _);

    /// <summary>Everything that has not moved for <paramref name="stalledAfter"/> or longer, described for people.</summary>
    public IReadOnlyList<string> Stalled(TimeSpan stalledAfter)
    {
        var now = timeProvider.GetUtcNow();
        var stalled = new List<string>();
        foreach (var ((stream, group), work) in consumers)
        {
            if (now - work.Since >= stalledAfter)
            {
                stalled.Add($"Consumer group '{group}' on {stream} has been on entry {work.EntryId} for {(now - work.Since).TotalSeconds:0} s" +
                    (work.Problem is null ? "." : $": {work.Problem}"));
            }
        }

        foreach (var (stream, failure) in relays)
        {
            if (now - failure.Since >= stalledAfter)
            {
                stalled.Add($"The outbox relay has not published to {stream} for {(now - failure.Since).TotalSeconds:0} s: {failure.Problem}");
            }
        }

        return stalled;
    }

    private sealed record Work(string EntryId, DateTimeOffset Since, string? Problem);

    private sealed record Failure(DateTimeOffset Since, string Problem);
}
