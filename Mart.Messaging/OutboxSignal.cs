using System.Threading.Channels;

namespace Mart.Messaging;

/// <summary>Wakes the relay in this process after a commit; signals coalesce into one scan.</summary>
public sealed class OutboxSignal(TimeProvider timeProvider)
{
    private readonly Channel<bool> pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Says there may be new rows to publish.</summary>
    public void Notify() => pending.Writer.TryWrite(true);

    /// <summary>Waits for a signal or for <paramref name="timeout"/>; <see langword="true"/> when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (pending.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await pending.Reader.WaitToReadAsync(linked.Token);
            return pending.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
