using Mart.ServiceDefaults.Redis.Connections;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// Mart's Redis client: one multiplexed, pipelined connection shared by all ordinary commands, and dedicated
/// connections for blocking reads. The shared connection opens on first use and is re-opened in the background
/// (exponential backoff) whenever it drops; while it is down commands fail fast with
/// <see cref="RedisConnectionException"/>.
/// </summary>
public sealed partial class RedisClient : IRedisCommands, IRedisConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly RedisClientOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly string endpoint;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock startLock = new();
    private Task? maintainer;
    private volatile RedisConnection? connection;
    private volatile Exception? lastError;
    private int disposed;

    /// <summary>Creates the client; nothing connects until the first command.</summary>
    public RedisClient(RedisClientOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options;
        this.timeProvider = timeProvider;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<RedisClient>();
        endpoint = $"{options.Host}:{options.Port}";
        if (options.IgnoredKeys.Count > 0)
        {
            RedisLog.IgnoredOptions(logger, string.Join(", ", options.IgnoredKeys));
        }
    }

    /// <summary>True while the shared connection is open.</summary>
    public bool IsConnected => connection?.IsOpen == true;

    /// <inheritdoc />
    public async ValueTask<IRedisStreamReader> CreateBlockingReaderAsync(string? clientName = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var reader = new RedisStreamReader(options, clientName ?? options.ClientName, timeProvider, loggerFactory.CreateLogger<RedisStreamReader>());
        try
        {
            await reader.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        if (connection is { } open)
        {
            await open.DisposeAsync().ConfigureAwait(false);
        }

        if (maintainer is not null)
        {
            await maintainer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    /// <summary>
    /// Synchronous disposal for containers disposed synchronously; closing only waits for the connection's
    /// loops to stop, which never depends on the server.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<RedisReply> SendAsync(string command, RedisArgument[] arguments, CancellationToken cancellationToken)
    {
        var open = connection ?? await WaitForFirstConnectionAsync(cancellationToken).ConfigureAwait(false);
        var reply = await open.ExecuteAsync(command, arguments, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return reply.ThrowIfError();
    }

    private async Task<RedisConnection> WaitForFirstConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        EnsureStarted();

        // Only the very first attempt is waited for, so the first commands after start-up do not fail just
        // because the socket was still opening; later outages fail fast instead of piling up callers.
        await firstAttempt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return connection ?? throw new RedisConnectionException(
            $"Not connected to Redis at {endpoint}; reconnecting in the background. Last error: {lastError?.Message ?? "none"}",
            lastError);
    }

    private void EnsureStarted()
    {
        if (maintainer is not null)
        {
            return;
        }

        lock (startLock)
        {
            maintainer ??= Task.Run(() => MaintainConnectionAsync(stopping.Token));
        }
    }

    private async Task MaintainConnectionAsync(CancellationToken stop)
    {
        var delay = options.ReconnectMinDelay;
        while (!stop.IsCancellationRequested)
        {
            RedisConnection open;
            try
            {
                open = await RedisConnection.ConnectAsync(options, "commands", options.ClientName, timeProvider, logger, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                lastError = ex;
                firstAttempt.TrySetResult();
                var wait = WithJitter(delay);
                RedisLog.ConnectFailed(logger, ex, endpoint, wait);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
                if (!await DelayAsync(wait, stop).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            connection = open;
            lastError = null;
            delay = options.ReconnectMinDelay;
            firstAttempt.TrySetResult();
            if (stop.IsCancellationRequested)
            {
                await open.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var reason = await open.Closed.ConfigureAwait(false);
            lastError = reason;
            connection = null;
            if (stop.IsCancellationRequested)
            {
                return;
            }

            RedisLog.ConnectionLost(logger, reason, endpoint);
            if (!await DelayAsync(WithJitter(delay), stop).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Spreads reconnects of many instances after a shared outage (±20%).
    private static TimeSpan WithJitter(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));
}
