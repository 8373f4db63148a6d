using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mart.AppHost.Events;

/// <summary>
/// Keeps one stream resource current while the AppHost runs: waits for Redis to be healthy, then reads the stream
/// every <see cref="EventStreamOptions.PollInterval"/> and publishes what changed. While Redis cannot be read
/// (stopped, restarting) the resource waits and says why; the connection comes back by itself.
/// </summary>
internal sealed class EventStreamMonitor(
    EventStreamResource stream,
    EventStreamConnection connection,
    ResourceNotificationService notifications,
    ILogger log,
    EventStreamOptions options,
    TimeProvider time)
{
    private CustomResourceSnapshot? _published;
    private string? _unavailable;
    private long _deadLetters;
    private bool _fallingBehind;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await notifications.WaitForDependenciesAsync(stream, stopping).ConfigureAwait(false);
            EventStreamLog.Watching(log, stream.Stream, stream.DeadLetterStream, connection.Redis.Name);
            var trend = new LagTrend(options.LagGrowthWindow);
            while (!stopping.IsCancellationRequested)
            {
                await ReadOnceAsync(trend, stopping).ConfigureAwait(false);
                await Task.Delay(options.PollInterval, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Redis never came up (it failed to start): nothing to watch.
            await notifications.PublishUpdateAsync(stream, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
            EventStreamLog.Unavailable(log, ex.Message);
        }
    }

    private async Task ReadOnceAsync(LagTrend trend, CancellationToken stopping)
    {
        StreamReading reading;
        try
        {
            var redis = await connection.GetDatabaseAsync(stopping).ConfigureAwait(false);
            reading = await EventStreamReader.ReadAsync(redis, stream).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (_unavailable != ex.Message)
            {
                _unavailable = ex.Message;
                EventStreamLog.Unavailable(log, ex.Message);
            }

            await PublishAsync(s => EventStreamSnapshot.Unavailable(s, ex.Message)).ConfigureAwait(false);
            return;
        }

        if (_unavailable is not null)
        {
            _unavailable = null;
            EventStreamLog.Available(log);
        }

        var growing = trend.Record(time.GetUtcNow(), reading.Groups);
        if (reading.DeadLetters > _deadLetters)
        {
            EventStreamLog.DeadLettersWaiting(log, reading.DeadLetters, stream.DeadLetterStream);
        }

        _deadLetters = reading.DeadLetters;
        if (growing.Count > 0 && !_fallingBehind)
        {
            EventStreamLog.FallingBehind(log, string.Join(", ", growing.Keys.Select(g => $"group '{g}' is falling behind on {stream.Stream}")));
        }

        _fallingBehind = growing.Count > 0;
        await PublishAsync(s => EventStreamSnapshot.Read(s, stream, reading, growing, options.LagGrowthWindow)).ConfigureAwait(false);
    }

    private Task PublishAsync(Func<CustomResourceSnapshot, CustomResourceSnapshot> update) =>
        notifications.PublishUpdateAsync(stream, previous =>
        {
            var next = update(previous);
            if (_published is not null && EventStreamSnapshot.Same(_published, next))
            {
                return previous;
            }

            _published = next;
            return next;
        });
}
