using System.Collections.Concurrent;
using System.Threading.Channels;
using Mart.Data;
using Mart.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Mart.Market.Events;

/// <summary>
/// Follows <c>mart.market</c> and fans every entry out to the stream clients connected to this instance. It reads
/// with plain XRANGE from the last id seen, not in a consumer group: a group hands each entry to one consumer, while
/// here every instance, and every client on it, must see every entry.
/// </summary>
public sealed partial class MarketFeed(
    IConnectionMultiplexer connection,
    MarketStreamProjection projection,
    IOptions<MarketStreamOptions> options,
    TimeProvider timeProvider,
    ILogger<MarketFeed> logger) : BackgroundService
{
    private readonly IDatabaseAsync redis = connection.GetDatabase();
    private readonly MarketStreamOptions settings = options.Value;
    private readonly ConcurrentDictionary<long, Channel<MarketStreamEvent>> clients = new();
    private long nextClient;
    private int failing;

    /// <summary>Registers a client; events arriving from now on are delivered to it until the subscription is disposed.</summary>
    public MarketFeedSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<MarketStreamEvent>(new BoundedChannelOptions(settings.ClientBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        var id = Interlocked.Increment(ref nextClient);
        clients[id] = channel;
        return new MarketFeedSubscription(channel.Reader, () =>
        {
            if (clients.TryRemove(id, out var removed))
            {
                removed.Writer.TryComplete();
            }
        });
    }

    /// <summary>Entries after <paramref name="afterId"/> still in the stream, for a client resuming with <c>Last-Event-ID</c>.</summary>
    public async Task<IReadOnlyList<MarketStreamEvent>> ReplayAsync(string afterId, CancellationToken cancellationToken)
    {
        var entries = await redis.StreamRangeAsync(StreamNames.Market, "(" + afterId, "+", settings.ReplayLimit).WaitAsync(cancellationToken);
        return [.. entries.Select(EventStreamEntry.From).Select(projection.Project).OfType<MarketStreamEvent>()];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastId = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var full = false;
                try
                {
                    // Start at the end: clients want what happens from now on (older entries only through Last-Event-ID).
                    lastId ??= await LastEntryIdAsync(stoppingToken);
                    var entries = await redis.StreamRangeAsync(StreamNames.Market, "(" + lastId, "+", settings.BatchSize).WaitAsync(stoppingToken);
                    foreach (var entry in entries.Select(EventStreamEntry.From))
                    {
                        lastId = entry.Id;
                        if (projection.Project(entry) is { } streamEvent)
                        {
                            Deliver(streamEvent);
                        }
                    }

                    full = entries.Length == settings.BatchSize;
                    Recovered();
                }
                catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
                {
                    Failed(ex);
                }

                if (!full)
                {
                    await Task.Delay(failing == 1 ? settings.PollInterval * 8 : settings.PollInterval, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            // Ends every open stream response, so shutdown does not wait for clients to hang up.
            foreach (var client in clients.Values)
            {
                client.Writer.TryComplete();
            }
        }
    }

    private void Deliver(MarketStreamEvent streamEvent)
    {
        foreach (var client in clients.Values)
        {
            client.Writer.TryWrite(streamEvent);
        }
    }

    private async Task<string> LastEntryIdAsync(CancellationToken cancellationToken)
    {
        var newest = await redis.StreamRangeAsync(StreamNames.Market, "-", "+", 1, Order.Descending).WaitAsync(cancellationToken);
        return newest.Length > 0 ? newest[0].Id.ToString() : "0-0";
    }

    private void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref failing, 1) == 0)
        {
            LogUnavailable(logger, exception.Message);
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref failing, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read mart.market ({Reason}); the live stream pauses until Redis answers")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading mart.market again")]
    private static partial void LogRecovered(ILogger logger);
}
