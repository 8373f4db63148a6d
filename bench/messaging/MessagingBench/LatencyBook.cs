using System.Collections.Concurrent;
using System.Diagnostics;

namespace MessagingBench;

/// <summary>Commit and handling timestamps per event id, for throughput and latency percentiles.</summary>
internal sealed class LatencyBook
{
    private readonly ConcurrentDictionary<Guid, long> committed = new();
    private readonly ConcurrentDictionary<Guid, long> handled = new();
    private int handledCount;

    public int HandledCount => Volatile.Read(ref handledCount);

    public void Committing(Guid id, long timestamp) => committed[id] = timestamp;

    public void Handled(Guid id)
    {
        if (handled.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref handledCount);
        }
    }

    public void Clear()
    {
        committed.Clear();
        handled.Clear();
        Volatile.Write(ref handledCount, 0);
    }

    public ScenarioResult Summarize(string scenario)
    {
        var latencies = committed
            .Select(pair => Stopwatch.GetElapsedTime(pair.Value, handled[pair.Key]).TotalMilliseconds)
            .Order()
            .ToArray();
        var span = Stopwatch.GetElapsedTime(committed.Values.Min(), handled.Values.Max());
        return new ScenarioResult(
            scenario,
            latencies.Length,
            latencies.Length / span.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies[^1]);
    }

    // Nearest-rank percentile.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
