using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>
/// One member of the service's consumer group on one stream: its own pending entries first, then new ones, taking over
/// entries others left idle; reconnects and re-creates a lost group.
/// </summary>
/// <remarks>Reads block on a connection of their own (<see cref="BlockingReadConnection"/>), so a new entry is handled
/// as soon as it is added.</remarks>
internal sealed class StreamConsumer(
    ConsumerSetup setup,
    EventProcessor processor,
    IConnectionMultiplexer connection,
    BlockingReadConnection reads,
    MessagingMetrics metrics,
    TimeProvider timeProvider,
    ILogger<StreamConsumer> logger) : BackgroundService
{
    private readonly RetryBackoff reconnect = new(setup.Options.ReconnectMinDelay, setup.Options.ReconnectMaxDelay);

    private readonly IDatabaseAsync redis = connection.GetDatabase();

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
                if (await redis.TryCreateGroupAsync(Stream, Group, setup.Options.GroupStartId).WaitAsync(stoppingToken))
                {
                    MessagingLog.GroupCreated(logger, Stream, Group, setup.Options.GroupStartId);
                }

                var reader = await reads.GetDatabaseAsync().WaitAsync(stoppingToken);
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

        await reads.DisposeAsync();
    }

    /// <summary>Entries delivered to this consumer name earlier and never acknowledged (it stopped mid-way).</summary>
    private async Task ReadOwnPendingAsync(IDatabaseAsync reader, CancellationToken cancellationToken)
    {
        var after = "0";
        while (true)
        {
            var entries = await reader.ReadGroupAsync(Stream, Group, Consumer, after, setup.Options.BatchSize, block: null).WaitAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return;
            }

            MessagingLog.PendingResumed(logger, Stream, Group, entries.Count);
            await ProcessRedeliveredAsync(entries, cancellationToken);
            after = entries[^1].Id;
        }
    }

    private async Task ReadNewAsync(IDatabaseAsync reader, CancellationToken cancellationToken)
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
            var entries = await reader.ReadGroupAsync(Stream, Group, Consumer, ">", setup.Options.BatchSize, block).WaitAsync(cancellationToken);
            await processor.ProcessNewAsync(entries, cancellationToken);
        }
    }

    /// <summary>Takes over entries another consumer (likely dead) has held longer than the claim idle time.</summary>
    private async Task ClaimIdleAsync(CancellationToken cancellationToken)
    {
        // Entries deleted from the stream meanwhile are dropped from the pending list by XAUTOCLAIM itself (Redis 7).
        RedisValue start = "0-0";
        do
        {
            var result = await redis.StreamAutoClaimAsync(
                Stream, Group, Consumer, (long)setup.Options.ClaimIdleTime.TotalMilliseconds, start, setup.Options.BatchSize).WaitAsync(cancellationToken);
            if (result.ClaimedEntries is { Length: > 0 } claimed)
            {
                MessagingLog.EntriesClaimed(logger, Stream, Group, claimed.Length, setup.Options.ClaimIdleTime);
                await ProcessRedeliveredAsync([.. claimed.Select(EventStreamEntry.From)], cancellationToken);
            }

            start = result.NextStartId;
        }
        while (start != "0-0");
    }

    /// <summary>Processes entries that were delivered before, passing on how often (XPENDING keeps the count).</summary>
    /// <remarks>The XPENDING range may also hold other entries of this consumer, hence the margin on the count.</remarks>
    private async Task ProcessRedeliveredAsync(IReadOnlyList<EventStreamEntry> entries, CancellationToken cancellationToken)
    {
        var pending = await redis.StreamPendingMessagesAsync(
            Stream, Group, entries.Count + 100, Consumer, minId: entries[0].Id, maxId: entries[^1].Id).WaitAsync(cancellationToken);
        var deliveries = pending.ToDictionary(entry => entry.MessageId.ToString(), entry => (long)entry.DeliveryCount, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            await processor.ProcessRedeliveredAsync(entry, deliveries.GetValueOrDefault(entry.Id, 1), cancellationToken);
        }
    }

    private async Task SampleLagAsync(CancellationToken cancellationToken)
    {
        var groups = await redis.StreamGroupInfoAsync(Stream).WaitAsync(cancellationToken);
        foreach (var group in groups.Where(candidate => candidate.Name == Group))
        {
            // Unknown is not "caught up": the gauge leaves the lag out rather than report 0.
            if (group.Lag is null)
            {
                MessagingLog.LagUnknown(logger, Stream, Group);
            }

            metrics.SetConsumerState(Stream, Group, group.Lag, group.PendingMessageCount);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
