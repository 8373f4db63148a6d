using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class OutboxSignalTests
{
    [Fact]
    public async Task A_signal_before_waiting_is_not_lost()
    {
        var signal = new OutboxSignal(TimeProvider.System);

        signal.Notify();

        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task Many_signals_coalesce_into_one_wake_up()
    {
        var signal = new OutboxSignal(TimeProvider.System);

        for (var i = 0; i < 100; i++)
        {
            signal.Notify();
        }

        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public async Task A_waiter_wakes_when_signalled()
    {
        var signal = new OutboxSignal(TimeProvider.System);

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        signal.Notify();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stopping_cancels_the_wait()
    {
        var signal = new OutboxSignal(TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
