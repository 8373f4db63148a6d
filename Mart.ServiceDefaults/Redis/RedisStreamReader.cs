using Mart.ServiceDefaults.Redis.Connections;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// Blocking XREADGROUP on a connection of its own. Reconnects on the next call after a failure; the caller's
/// loop decides how long to wait between attempts.
/// </summary>
internal sealed class RedisStreamReader(RedisClientOptions options, string? clientName, TimeProvider timeProvider, ILogger logger)
    : IRedisStreamReader
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private RedisConnection? connection;
    private volatile bool disposed;

    /// <summary>Opens the connection now, so <see cref="IRedisConnectionFactory.CreateBlockingReaderAsync"/> reports an unreachable server.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(
        string stream,
        string group,
        string consumer,
        string id,
        int count,
        TimeSpan? block,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (block is { } b && b <= TimeSpan.Zero)
        {
            // BLOCK 0 would wait forever, which no timeout could tell apart from a dead server.
            throw new ArgumentOutOfRangeException(nameof(block), block, "The block time must be positive, or null not to block.");
        }

        RedisArgument[] arguments = block is { } wait
            ? ["GROUP", group, consumer, "COUNT", count, "BLOCK", (long)Math.Ceiling(wait.TotalMilliseconds), "STREAMS", stream, id]
            : ["GROUP", group, consumer, "COUNT", count, "STREAMS", stream, id];

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var open = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            RedisReply reply;
            try
            {
                reply = await open.ExecuteAsync("XREADGROUP", arguments, options.CommandTimeout + (block ?? TimeSpan.Zero), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or RedisTimeoutException)
            {
                // The server would still answer the blocked command later; a fresh connection is simpler and
                // lets the caller stop at once.
                await CloseAsync().ConfigureAwait(false);
                throw;
            }

            // Nil when the block time passed; otherwise [[stream, entries]].
            var streams = reply.ThrowIfError();
            if (streams.IsNull || streams.Elements.Count == 0)
            {
                return [];
            }

            return streams.Elements[0].Elements is [_, var entries]
                ? StreamReplies.ToEntries(entries)
                : throw new RedisProtocolException($"XREADGROUP reply item must be [stream, entries], got {streams.Elements[0]}.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Close first, so a read blocked on the server returns at once, then wait for it to leave.
        disposed = true;
        if (connection is { } open)
        {
            await open.DisposeAsync().ConfigureAwait(false);
        }

        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RedisConnection> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (connection is { IsOpen: true } open)
        {
            return open;
        }

        await CloseAsync().ConfigureAwait(false);
        var opened = await RedisConnection.ConnectAsync(options, "blocking reads", clientName, timeProvider, logger, cancellationToken)
            .ConfigureAwait(false);
        if (disposed)
        {
            // Disposed while connecting: DisposeAsync could not see this connection to close it.
            await opened.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(RedisStreamReader));
        }

        connection = opened;
        return opened;
    }

    private async Task CloseAsync()
    {
        if (connection is { } open)
        {
            connection = null;
            await open.DisposeAsync().ConfigureAwait(false);
        }
    }
}
