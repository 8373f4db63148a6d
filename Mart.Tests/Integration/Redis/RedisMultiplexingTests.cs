using System.Diagnostics;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using static Mart.Tests.Integration.Redis.RedisTestClient;

namespace Mart.Tests.Integration.Redis;

[Collection("servers")]
public sealed class RedisMultiplexingTests(ServersFixture servers) : IAsyncLifetime
{
    private readonly RedisClient redis = Create(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DisposeAsync().AsTask();

    [Fact]
    public async Task Fifty_concurrent_callers_each_get_their_own_replies()
    {
        const int callers = 50;
        const int rounds = 200;
        var prefix = UniqueKey("mux");
        var counter = prefix + ":counter";

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var key = $"{prefix}:{caller}";
                var value = $"{caller}/{round}";
                await redis.SetAsync(key, value);
                Assert.Equal(value, await redis.GetStringAsync(key));
                await redis.IncrementAsync(counter);
            }
        })));

        Assert.Equal(callers * rounds, await redis.IncrementAsync(counter, 0));
    }

    [Fact]
    public async Task Concurrent_commands_share_one_connection()
    {
        var name = "mux-" + Guid.NewGuid().ToString("N");
        await using var named = Create(servers, o => o.ClientName = name);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => named.PingAsync()));
        var clients = (await named.ExecuteAsync("CLIENT", CancellationToken.None, "LIST")).AsString()!;

        Assert.Equal(1, clients.Split('\n').Count(line => line.Contains($"name={name} ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_cancelled_command_gets_cancelled_and_later_replies_still_match_their_commands()
    {
        var key = UniqueKey("cancel");
        var other = UniqueKey("cancel-other");
        await redis.SetAsync(key, "mine");
        await redis.SetAsync(other, "other");
        await using var pauser = Create(servers);

        // CLIENT PAUSE holds every reply for a while, so the next commands are certainly in flight when cancelled.
        await pauser.ExecuteAsync("CLIENT", CancellationToken.None, "PAUSE", 700);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();
        var cancelled = redis.GetStringAsync(key, cancel.Token);
        var after = redis.GetStringAsync(other);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(600), $"cancellation took {clock.Elapsed}");
        Assert.Equal("other", await after);
        Assert.Equal("mine", await redis.GetStringAsync(key));
    }

    [Fact]
    public async Task A_command_without_a_reply_in_time_times_out_and_the_connection_stays_usable()
    {
        var key = UniqueKey("timeout");
        await using var impatient = Create(servers, o => o.CommandTimeout = TimeSpan.FromMilliseconds(250));
        await impatient.SetAsync(key, "v");
        await using var pauser = Create(servers);

        await pauser.ExecuteAsync("CLIENT", CancellationToken.None, "PAUSE", 1200);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisTimeoutException>(() => impatient.GetStringAsync(key));
        var timedOutAfter = clock.Elapsed;

        Assert.Contains("GET", error.Message, StringComparison.Ordinal);
        Assert.InRange(timedOutAfter, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1000));
        await Task.Delay(Math.Max(0, 1300 - (int)clock.ElapsedMilliseconds));
        Assert.Equal("v", await impatient.GetStringAsync(key));
        Assert.True(impatient.IsConnected);
    }
}
