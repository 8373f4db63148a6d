using Mart.ServiceDefaults.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>
/// Consumes one stream as one member of the service's consumer group: first the entries this consumer still holds
/// from before (a restart), then new entries, taking over entries other consumers left idle too long. Survives
/// Redis outages and a lost group (e.g. Redis restarted without persistence) by reconnecting and re-creating it.
/// </summary>
internal sealed class StreamConsumer(
    ConsumerSetup setup,
    EventProcessor processor,
    IRedisCommands redis,
    IRedisConnectionFactory connections,
    MessagingMetrics metrics,
    TimeProvider timeProvider,
    ILogger<StreamConsumer> logger) : BackgroundService
{
    private readonly RetryBackoff reconnect = new(setup.Options.ReconnectMinDelay, setup.Options.ReconnectMaxDelay);

    private string Stream => setup.Stream;

    private string Group => setup.Group;

    private string Consumer => setup.ConsumerName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MessagingLog.ConsumerStarting(logger, Stream, Group, Consumer, string.Join(", ", setup.Types));
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await redis.StreamCreateGroupAsync(Stream, Group, setup.Options.GroupStartId, stoppingToken))
                {
                    MessagingLog.GroupCreated(logger, Stream, Group, setup.Options.GroupStartId);
                }

                await using var reader = await connections.CreateBlockingReaderAsync($"{Group}:{Consumer}", stoppingToken);
                if (failures > 0)
                {
                    MessagingLog.ConsumerResumed(logger, Stream, Group, failures);
                    failures = 0;
                }

                await ReadOwnPendingAsync(reader, stoppingToken);
                await ReadNewAsync(reader, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // NOGROUP lands here too: the next pass re-creates the group.
                failures++;
                var delay = reconnect.DelayAfter(failures);
                MessagingLog.ConsumerFailed(logger, failures == 1 ? ex : null, Stream, Group, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Entries delivered to this consumer name earlier and never acknowledged (it stopped mid-way).</summary>
    private async Task ReadOwnPendingAsync(IRedisStreamReader reader, CancellationToken cancellationToken)
    {
        var after = "0";
        while (true)
        {
            var entries = await reader.ReadGroupAsync(Stream, Group, Consumer, after, setup.Options.BatchSize, block: null, cancellationToken);
            if (entries.Count == 0)
            {
                return;
            }

            MessagingLog.PendingResumed(logger, Stream, Group, entries.Count);
            await ProcessRedeliveredAsync(entries, cancellationToken);
            after = entries[^1].Id;
        }
    }

    private async Task ReadNewAsync(IRedisStreamReader reader, CancellationToken cancellationToken)
    {
        var nextClaim = DateTimeOffset.MinValue;
        var nextLagSample = DateTimeOffset.MinValue;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= nextClaim)
            {
                await ClaimIdleAsync(cancellationToken);
                nextClaim = timeProvider.GetUtcNow() + setup.Options.ClaimInterval;
            }

            if (now >= nextLagSample)
            {
                await SampleLagAsync(cancellationToken);
                nextLagSample = timeProvider.GetUtcNow() + setup.Options.LagSampleInterval;
            }

            // Block no longer than the next housekeeping is due (BLOCK 0 would mean forever, hence the floor).
            var untilDue = Min(nextClaim, nextLagSample) - timeProvider.GetUtcNow();
            var block = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(untilDue.TotalMilliseconds, setup.Options.BlockTime.TotalMilliseconds), 1, int.MaxValue));
            var entries = await reader.ReadGroupAsync(Stream, Group, Consumer, ">", setup.Options.BatchSize, block, cancellationToken);
            await processor.ProcessNewAsync(entries, cancellationToken);
        }
    }

    /// <summary>Takes over entries another consumer (likely dead) has held longer than the claim idle time.</summary>
    private async Task ClaimIdleAsync(CancellationToken cancellationToken)
    {
        var start = "0-0";
        do
        {
            var result = await redis.StreamAutoClaimAsync(Stream, Group, Consumer, setup.Options.ClaimIdleTime, start, setup.Options.BatchSize, cancellationToken);
            if (result.Claimed.Count > 0)
            {
                MessagingLog.EntriesClaimed(logger, Stream, Group, result.Claimed.Count, setup.Options.ClaimIdleTime);
                await ProcessRedeliveredAsync(result.Claimed, cancellationToken);
            }

            start = result.NextStartId;
        }
        while (start != "0-0");
    }

    /// <summary>Processes entries that were delivered before, passing on how often (XPENDING keeps the count).</summary>
    /// <remarks>The XPENDING range may also hold other entries of this consumer, hence the margin on the count.</remarks>
    private async Task ProcessRedeliveredAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        var pending = await redis.StreamPendingEntriesAsync(
            Stream, Group, entries.Count + 100, start: entries[0].Id, end: entries[^1].Id, consumer: Consumer, cancellationToken: cancellationToken);
        var deliveries = pending.ToDictionary(entry => entry.Id, entry => entry.DeliveryCount, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            await processor.ProcessRedeliveredAsync(entry, deliveries.GetValueOrDefault(entry.Id, 1), cancellationToken);
        }
    }

    private async Task SampleLagAsync(CancellationToken cancellationToken)
    {
        var groups = await redis.StreamGroupsAsync(Stream, cancellationToken);
        var group = groups.FirstOrDefault(candidate => candidate.Name == Group);
        if (group is not null)
        {
            metrics.SetConsumerState(Stream, Group, group.Lag ?? 0, group.Pending);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
