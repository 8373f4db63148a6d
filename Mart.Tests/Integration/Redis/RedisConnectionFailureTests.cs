using System.Diagnostics;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using static Mart.Tests.Integration.Redis.RedisTestClient;

namespace Mart.Tests.Integration.Redis;

[Collection("servers")]
public sealed class RedisConnectionFailureTests(ServersFixture servers)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_wrong_password_is_a_clear_connection_error()
    {
        await using var redis = Create(servers, o => o.Password = "definitely-wrong");

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.PingAsync());
        var readerError = await Assert.ThrowsAsync<RedisConnectionException>(async () => await redis.CreateBlockingReaderAsync());

        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", readerError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("definitely-wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_password_says_one_is_needed()
    {
        await using var redis = Create(servers, o => o.Password = null);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.PingAsync());

        Assert.Contains("NOAUTH", error.Message, StringComparison.Ordinal);
        Assert.Contains("password=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_in_flight_when_redis_restarts_fail_and_the_client_recovers_by_itself()
    {
        await using var redis = Create(servers);
        await redis.PingAsync();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var prefix = UniqueKey("restart");
        var workers = Enumerable.Range(0, 50).Select(worker => Task.Run(async () =>
        {
            var key = $"{prefix}:{worker}";
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                try
                {
                    await redis.SetAsync(key, round.ToString());
                    var read = await redis.GetStringAsync(key);

                    // A reply matched to the wrong command would show up here.
                    Assert.Equal(round.ToString(), read);
                }
                catch (RedisException ex)
                {
                    failures.Add(ex);
                    await Task.Delay(10);
                }
            }
        })).ToArray();

        await Task.Delay(300);
        await servers.RestartRedisAsync();
        await WaitUntilConnectedAsync(redis, Recovery);
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f is RedisConnectionException or RedisTimeoutException, f.ToString()));
        Assert.True(redis.IsConnected);
        var key = UniqueKey("after-restart");
        await redis.SetAsync(key, "back");
        Assert.Equal("back", await redis.GetStringAsync(key));
    }

    [Fact]
    public async Task While_redis_is_down_commands_fail_fast_and_work_again_once_it_is_back()
    {
        await using var redis = Create(servers);
        await redis.PingAsync();
        await using var reader = await redis.CreateBlockingReaderAsync();
        var stream = UniqueKey("outage");
        await redis.StreamCreateGroupAsync(stream, "g");
        var blocked = reader.ReadGroupAsync(stream, "g", "c", ">", 1, TimeSpan.FromSeconds(20));
        await Task.Delay(100);

        await servers.StopRedisAsync();
        try
        {
            await Assert.ThrowsAsync<RedisConnectionException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10)));
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                var error = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.GetAsync("any"));
                Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"a command while Redis is down took {clock.Elapsed}");
                Assert.Contains("Redis", error.Message, StringComparison.Ordinal);
                await Task.Delay(100);
            }

            await Assert.ThrowsAsync<RedisConnectionException>(() => reader.ReadGroupAsync(stream, "g", "c", ">", 1, null));
        }
        finally
        {
            await servers.StartRedisAsync();
        }

        await WaitUntilConnectedAsync(redis, Recovery);
        var key = UniqueKey("after-outage");
        Assert.True(await redis.SetAsync(key, "ok"));
        Assert.Equal("ok", await redis.GetStringAsync(key));

        // The server may have come back without the stream; the reader reconnects on its next call either way.
        await redis.StreamCreateGroupAsync(stream, "g");
        var id = await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["n"] = "1" });
        Assert.Equal([id], (await reader.ReadGroupAsync(stream, "g", "c", ">", 1, TimeSpan.FromSeconds(1))).Select(e => e.Id));
    }
}
