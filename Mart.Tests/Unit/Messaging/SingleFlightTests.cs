using Mart.Data.Caching;

namespace Mart.Tests.Unit.Messaging;

public sealed class SingleFlightTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Hundred_concurrent_misses_make_one_load()
    {
        var flights = new SingleFlight();
        var loads = 0;
        var joined = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // 100 callers on pool threads. RunAsync joins (or starts) the flight before it returns its task, so once
        // all 100 have counted themselves in, the gate opens: every one of them was waiting on an unfinished load.
        var callers = Enumerable.Range(0, 100)
            .Select(_ => Task.Run(async () =>
            {
                var call = flights.RunAsync("quote:MSFT", async ct =>
                {
                    Interlocked.Increment(ref loads);
                    await gate.Task.WaitAsync(ct);
                    return 42;
                });
                Interlocked.Increment(ref joined);
                return await call;
            }))
            .ToArray();
        await WaitUntilAsync(() => Volatile.Read(ref joined) == 100);
        Assert.Equal(1, flights.InFlight);
        gate.SetResult();

        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, loads);
        Assert.All(results, result => Assert.Equal(42, result));
        Assert.Equal(0, flights.InFlight);
    }

    [Fact]
    public async Task Hundred_callers_started_together_share_one_load()
    {
        var flights = new SingleFlight();
        var loads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // RunAsync joins the flight before its first await, so these 100 calls are all in before the gate opens.
        var callers = Enumerable.Range(0, 100)
            .Select(_ => flights.RunAsync("k", async ct =>
            {
                Interlocked.Increment(ref loads);
                await gate.Task.WaitAsync(ct);
                return "v";
            }))
            .ToArray();
        gate.SetResult();

        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, loads);
        Assert.All(results, result => Assert.Equal("v", result));
    }

    [Fact]
    public async Task Different_keys_load_independently()
    {
        var flights = new SingleFlight();
        var loads = 0;

        var results = await Task.WhenAll(
            flights.RunAsync("a", async _ => { Interlocked.Increment(ref loads); await Task.Yield(); return 1; }),
            flights.RunAsync("b", async _ => { Interlocked.Increment(ref loads); await Task.Yield(); return 2; }));

        Assert.Equal([1, 2], results);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_finished_flight_is_not_reused()
    {
        var flights = new SingleFlight();
        var loads = 0;

        await flights.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref loads)));
        var second = await flights.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref loads)));

        Assert.Equal(2, second);
    }

    [Fact]
    public async Task A_failed_load_fails_every_waiter_and_the_next_call_loads_again()
    {
        var flights = new SingleFlight();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 10)
            .Select(_ => flights.RunAsync<int>("k", async _ =>
            {
                await gate.Task;
                throw new InvalidOperationException("upstream down");
            }))
            .ToArray();
        gate.SetResult();

        foreach (var caller in callers)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => caller.WaitAsync(Patience));
            Assert.Equal("upstream down", ex.Message);
        }

        Assert.Equal(7, await flights.RunAsync("k", _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_others()
    {
        var flights = new SingleFlight();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loadToken = CancellationToken.None;
        using var impatient = new CancellationTokenSource();

        var first = flights.RunAsync("k", async ct =>
        {
            loadToken = ct;
            await gate.Task.WaitAsync(ct);
            return 5;
        }, impatient.Token);
        var second = flights.RunAsync("k", _ => Task.FromResult(-1));
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Patience));
        Assert.False(loadToken.IsCancellationRequested);
        gate.SetResult();
        Assert.Equal(5, await second.WaitAsync(Patience));
    }

    [Fact]
    public async Task The_load_is_cancelled_when_every_caller_gave_up()
    {
        var flights = new SingleFlight();
        var loadCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var caller = flights.RunAsync("k", async ct =>
        {
            ct.Register(loadCancelled.SetResult);
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller.WaitAsync(Patience));
        await loadCancelled.Task.WaitAsync(Patience);
        Assert.Equal(3, await flights.RunAsync("k", _ => Task.FromResult(3)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
