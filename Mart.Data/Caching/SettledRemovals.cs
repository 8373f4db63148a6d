using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Data.Caching;

/// <summary>
/// Removes cache keys once more, one to two seconds after a writer removed them. A load that read the row just before
/// the writer's change committed finishes after the writer's removal and caches the old row; without a second removal
/// it would be served until its time to live ran out. The second removal comes once such loads have finished: a
/// database read and a Redis write, milliseconds.
/// </summary>
/// <remarks>
/// Keys are collected per second and each is removed once however often it changed meanwhile, so a hot product costs
/// one extra removal a second, not one per change. Keys scheduled when the process stops are not removed again; the
/// time to live still bounds them.
/// </remarks>
public sealed class SettledRemovals(IFusionCache cache, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>How often the collected keys are removed; a key waits between one and two of these.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private ConcurrentDictionary<string, byte> collecting = new(StringComparer.Ordinal);

    /// <summary>Removes <paramref name="key"/> again once loads that raced its removal have finished.</summary>
    public void Schedule(string key) => Volatile.Read(ref collecting).TryAdd(key, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Keys collected during the interval before the last one: their first removal is at least an interval old.
        ConcurrentDictionary<string, byte>? settled = null;
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var due = settled;
            settled = Interlocked.Exchange(ref collecting, new(StringComparer.Ordinal));
            if (due is { IsEmpty: false })
            {
                // As with the first removal, the cache does not throw when Redis is down: memory drops the value at once.
                await Task.WhenAll(due.Keys.Select(key => cache.RemoveAsync(key, token: CancellationToken.None).AsTask()));
            }
        }
    }
}
