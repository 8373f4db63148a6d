using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using Mart.ServiceDefaults.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Redis.Connections;

/// <summary>
/// One socket to Redis. Any number of callers enqueue commands; a write loop serializes whatever is queued and
/// flushes once per batch (so concurrent callers are pipelined), and a read loop matches replies to commands in
/// the order they were written. When anything goes wrong the connection closes and fails every command it holds.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    // Flush early when a batch grows this large, so a burst of big values does not buffer without bound.
    private const long FlushThreshold = 1024 * 1024;

    private static readonly TimeSpan MinimumGrace = TimeSpan.FromSeconds(3);

    private readonly Stream stream;
    private readonly PipeReader input;
    private readonly PipeWriter output;
    private readonly Channel<RedisCommand> outbox = Channel.CreateUnbounded<RedisCommand>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    // Written in order by the write loop, consumed in order by the read loop: replies come back in this order.
    private readonly ConcurrentQueue<RedisCommand> sent = new();
    private readonly RespParser parser = new();
    private readonly TaskCompletionSource<Exception> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly long graceTicks;
    private readonly ITimer sweepTimer;
    private readonly Task readLoop;
    private readonly Task writeLoop;
    private int closing;
    private long flushStarted;
    private Exception? failure;

    private RedisConnection(Stream stream, string endpoint, string purpose, TimeSpan commandTimeout, TimeProvider time, ILogger logger)
    {
        this.stream = stream;
        this.time = time;
        this.logger = logger;
        Endpoint = endpoint;
        Purpose = purpose;
        // Long enough that a slow script or a CLIENT PAUSE only times out commands; the connection goes only
        // when the server has been silent well past any reasonable stall.
        graceTicks = ToTicks(commandTimeout > MinimumGrace ? commandTimeout : MinimumGrace);
        input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));

        // Timeouts are checked by one periodic sweep instead of a timer per command.
        var sweepEvery = TimeSpan.FromTicks(Math.Clamp(commandTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        sweepTimer = time.CreateTimer(static state => ((RedisConnection)state!).Sweep(), this, sweepEvery, sweepEvery);
        readLoop = Task.Run(ReadLoopAsync);
        writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>host:port, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>What the connection is for ("commands", "blocking reads"), for logs.</summary>
    public string Purpose { get; }

    /// <summary>False once the connection started closing; commands sent now fail at once.</summary>
    public bool IsOpen => Volatile.Read(ref closing) == 0;

    /// <summary>Completes with the reason once the connection is closed and every command it held has failed.</summary>
    public Task<Exception> Closed => closed.Task;

    /// <summary>Opens, authenticates and names a connection.</summary>
    /// <exception cref="RedisConnectionException">Unreachable, timed out, or credentials refused.</exception>
    public static Task<RedisConnection> ConnectAsync(
        RedisClientOptions options,
        string purpose,
        string? clientName,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken) =>
        RedisConnector.ConnectAsync(options, purpose, clientName, time, logger, cancellationToken);

    /// <summary>Wraps an already connected stream; used by <see cref="RedisConnector"/>.</summary>
    internal static RedisConnection Start(Stream stream, string endpoint, string purpose, TimeSpan commandTimeout, TimeProvider time, ILogger logger) =>
        new(stream, endpoint, purpose, commandTimeout, time, logger);

    /// <summary>
    /// Sends a command and returns its reply, error replies included (they are not thrown here).
    /// </summary>
    /// <exception cref="RedisConnectionException">The connection is closed or closes before the reply.</exception>
    /// <exception cref="RedisTimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; a late reply is discarded.</exception>
    public async Task<RedisReply> ExecuteAsync(string name, RedisArgument[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = new RedisCommand(name, arguments, timeout, time.GetTimestamp() + ToTicks(timeout));
        if (!outbox.Writer.TryWrite(command))
        {
            throw new RedisConnectionException(
                $"The connection to Redis at {Endpoint} is closed: {failure?.Message ?? "closing"}",
                failure);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return await command.Task.ConfigureAwait(false);
        }

        // The command stays queued when cancelled: its reply must still be read to keep replies in step.
        using (cancellationToken.UnsafeRegister(static (state, token) => ((RedisCommand)state!).TrySetCanceled(token), command))
        {
            return await command.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection; every pending command fails with a <see cref="RedisConnectionException"/> built from <paramref name="reason"/>.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.Exchange(ref closing, 1) != 0)
        {
            return;
        }

        failure = reason;
        outbox.Writer.TryComplete();
        input.CancelPendingRead();

        // Disposing the stream also wakes a write loop stuck on a peer that stopped reading.
        try
        {
            stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Already broken: nothing left to release.
        }

        _ = FinishAsync(reason);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        RedisLog.Closing(logger, Endpoint, Purpose);
        Abort(new RedisConnectionException($"The connection to Redis at {Endpoint} was closed by the client."));
        await Closed.ConfigureAwait(false);
    }

    private async Task FinishAsync(Exception reason)
    {
        // Only once both loops have stopped is it certain nothing else touches the queues.
        await Task.WhenAll(readLoop, writeLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await sweepTimer.DisposeAsync().ConfigureAwait(false);
        while (outbox.Reader.TryRead(out var command))
        {
            Fail(command, reason);
        }

        while (sent.TryDequeue(out var command))
        {
            Fail(command, reason);
        }

        await input.CompleteAsync().ConfigureAwait(false);
        await output.CompleteAsync().ConfigureAwait(false);
        closed.TrySetResult(reason);
    }

    private void Fail(RedisCommand command, Exception reason) =>
        command.TrySetException(new RedisConnectionException(
            $"The connection to Redis at {Endpoint} closed before {command.Name} got its reply: {reason.Message}",
            reason));

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    return;
                }

                var buffer = result.Buffer;
                while (parser.TryRead(ref buffer, out var reply))
                {
                    Deliver(reply!);
                }

                var midReply = !buffer.IsEmpty || parser.HasPartialReply;
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Abort(new RedisConnectionException(midReply
                        ? $"Redis at {Endpoint} closed the connection in the middle of a reply."
                        : $"Redis at {Endpoint} closed the connection."));
                    return;
                }
            }
        }
        catch (RedisProtocolException ex)
        {
            Abort(ex);
        }
        catch (Exception ex)
        {
            Abort(new RedisConnectionException($"Reading from Redis at {Endpoint} failed: {ex.Message}", ex));
        }
    }

    private void Deliver(RedisReply reply)
    {
        if (!sent.TryDequeue(out var command))
        {
            throw new RedisProtocolException($"Redis at {Endpoint} sent a reply no command was waiting for: {reply}");
        }

        // False when the caller already gave up (cancelled or timed out): the reply is dropped.
        command.TrySetResult(reply);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = outbox.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (IsOpen && reader.TryRead(out var command))
                {
                    if (command.Task.IsCompleted)
                    {
                        // Cancelled or timed out before it was written: never send it.
                        continue;
                    }

                    // Queue before writing, so the read loop always finds the command its reply belongs to.
                    sent.Enqueue(command);
                    RespWriter.WriteCommand(output, command.Name, command.Arguments);
                    if (output.UnflushedBytes >= FlushThreshold)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                if (!IsOpen)
                {
                    return;
                }

                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Abort(new RedisConnectionException($"Writing to Redis at {Endpoint} failed: {ex.Message}", ex));
        }
    }

    private async ValueTask FlushAsync()
    {
        Volatile.Write(ref flushStarted, time.GetTimestamp());
        var result = await output.FlushAsync().ConfigureAwait(false);
        Volatile.Write(ref flushStarted, 0);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("The connection's output was closed.");
        }
    }

    private void Sweep()
    {
        if (!IsOpen)
        {
            return;
        }

        var now = time.GetTimestamp();
        var expired = 0;
        RedisCommand? oldest = null;
        foreach (var command in sent)
        {
            if (now >= command.Deadline && command.TrySetException(new RedisTimeoutException(
                    $"Redis at {Endpoint} did not answer {command.Name} within {command.Timeout.TotalMilliseconds:0} ms.")))
            {
                oldest ??= command;
                expired++;
            }
        }

        if (oldest is not null)
        {
            RedisLog.CommandsTimedOut(logger, expired, Endpoint, oldest.Name, oldest.Timeout);
        }

        // A reply overdue by a further timeout, or a write stuck that long, means the peer is gone even though
        // TCP has not noticed: close, so commands fail fast and the owner reconnects.
        if (sent.TryPeek(out var head) && now - head.Deadline > graceTicks)
        {
            Abort(new RedisConnectionException(
                $"Redis at {Endpoint} has not answered {head.Name} for {time.GetElapsedTime(head.Deadline - ToTicks(head.Timeout)).TotalSeconds:0.#} s; the connection is considered dead."));
            return;
        }

        var flushing = Volatile.Read(ref flushStarted);
        if (flushing != 0 && now - flushing > graceTicks)
        {
            Abort(new RedisConnectionException($"Writing to Redis at {Endpoint} has been stalled for more than {TimeSpan.FromSeconds((double)graceTicks / time.TimestampFrequency).TotalSeconds:0.#} s."));
        }
    }

    private long ToTicks(TimeSpan value) => (long)(value.TotalSeconds * time.TimestampFrequency);
}
