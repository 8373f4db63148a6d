using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Data.Caching;

/// <summary>Removes cache keys once more, a second or two after a writer removed them, so that a load that raced the
/// change does not leave the old row cached until its time to live.</summary>
/// <remarks>
/// Keys are collected per second, each removed once however often it changed. Keys scheduled when the process stops are
/// not removed again; the time to live bounds them.
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
                // As with the first removal, a down Redis does not throw: memory drops the value at once.
                await Task.WhenAll(due.Keys.Select(key => cache.RemoveAsync(key, token: CancellationToken.None).AsTask()));
            }
        }
    }
}
