using Mart.Data.Caching;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit.Abstractions;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Tests.Integration.Messaging;

/// <summary>The cache AddMartCache registers, against the real Redis: two hosts of one name stand for two replicas.</summary>
[Collection("servers")]
public sealed class MartCacheTests(ServersFixture servers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly string name = $"cachetest-{Guid.NewGuid():N}";
    private IHost first = null!;
    private IHost second = null!;

    private IFusionCache Cache => first.Services.GetRequiredService<IFusionCache>();

    private IFusionCache Replica => second.Services.GetRequiredService<IFusionCache>();

    private IDatabase Redis => first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public async Task InitializeAsync()
    {
        first = await StartHostAsync("first");
        second = await StartHostAsync("second");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { first, second })
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task Miss_loads_and_stores_in_redis_with_the_time_to_live_then_hits()
    {
        var loads = 0;

        var value = await Get(Cache, "quote:MSFT", () => new Quote("MSFT", 412.5m, ++loads));
        var again = await Get(Cache, "quote:MSFT", () => new Quote("MSFT", 0m, ++loads));
        var elsewhere = await Get(Replica, "quote:MSFT", () => new Quote("MSFT", 0m, ++loads));

        Assert.Equal(new Quote("MSFT", 412.5m, 1), value);
        Assert.Equal(value, again);
        Assert.Equal(value, elsewhere); // the other replica found it in Redis
        Assert.Equal(1, loads);
        var ttl = await Redis.KeyTimeToLiveAsync((await StoredKeyAsync("quote:MSFT"))!.Value);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), Ttl);
    }

    [Fact]
    public async Task Hundred_concurrent_misses_on_one_key_make_one_load()
    {
        var loads = 0;

        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await Cache.GetOrSetAsync<string>(
            "news:general",
            async (_, ct) =>
            {
                Interlocked.Increment(ref loads);
                await Task.Delay(300, ct);
                return "headlines";
            },
            options => options.SetDuration(Ttl))));
        var results = await Task.WhenAll(callers);

        Assert.All(results, result => Assert.Equal("headlines", result));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_replica_answers_from_its_memory_until_a_removal_anywhere_reaches_it()
    {
        var loads = 0;
        Assert.Equal(1, await Get(Cache, "forex:EUR", () => ++loads));
        Assert.Equal(1, await Get(Replica, "forex:EUR", () => ++loads));

        // Gone from Redis behind the cache's back: both replicas still answer from memory.
        await Redis.KeyDeleteAsync((await StoredKeyAsync("forex:EUR"))!.Value);
        Assert.Equal(1, await Get(Cache, "forex:EUR", () => ++loads));
        Assert.Equal(1, await Get(Replica, "forex:EUR", () => ++loads));

        // A removal on one replica reaches the other's memory over the backplane.
        await Cache.RemoveAsync("forex:EUR");
        Assert.Equal(2, await Get(Cache, "forex:EUR", () => ++loads));
        await Eventually.TrueAsync(
            async () => await Get(Replica, "forex:EUR", () => ++loads) >= 2,
            "the other replica drops its copy");
        Assert.Equal(2, loads); // the replica found the new value in Redis, it did not load it again
    }

    [Fact]
    public async Task An_old_value_cached_by_a_load_that_raced_a_removal_is_removed_again_everywhere()
    {
        var loads = 0;
        Assert.Equal(1, await Get(Cache, "stock:P1", () => ++loads));

        // The writer removes and schedules the settled removal; a load that read before the change then caches the old value.
        await Cache.RemoveAsync("stock:P1");
        first.Services.GetRequiredService<SettledRemovals>().Schedule("stock:P1");
        await Cache.SetAsync("stock:P1", 1, options => options.SetDuration(Ttl));
        Assert.Equal(1, await Get(Replica, "stock:P1", () => ++loads));

        // Gone from Redis and both replicas' memory within two intervals, so the next reads load the new value.
        await Eventually.TrueAsync(async () => await StoredKeyAsync("stock:P1") is null, "the old value leaves Redis");
        Assert.Equal(2, await Get(Cache, "stock:P1", () => ++loads));
        await Eventually.TrueAsync(
            async () => await Get(Replica, "stock:P1", () => ++loads) == 2,
            "the other replica drops its old copy");
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task Redis_down_means_memory_and_the_source_not_failing()
    {
        var loads = 0;
        Assert.Equal(1, await Get(Cache, "profile:MSFT", () => ++loads));
        await servers.StopRedisAsync();
        try
        {
            // What memory holds is served; a miss loads from the source; nothing throws.
            Assert.Equal(1, await Get(Cache, "profile:MSFT", () => ++loads));
            Assert.Equal(2, await Get(Cache, "profile:AAPL", () => ++loads));
            await Cache.RemoveAsync("profile:MSFT");
            Assert.Equal(3, await Get(Cache, "profile:MSFT", () => ++loads));
        }
        finally
        {
            await servers.StartRedisAsync();
        }

        // Back to storing in Redis once it answers again.
        await Eventually.TrueAsync(
            async () =>
            {
                await Cache.RemoveAsync("profile:NVDA");
                await Get(Cache, "profile:NVDA", () => ++loads);
                try
                {
                    return await StoredKeyAsync("profile:NVDA") is not null;
                }
                catch (Exception ex) when (ex.GetBaseException() is RedisException)
                {
                    // The test's own look fails fast too until the multiplexer has reconnected.
                    return false;
                }
            },
            "the cache stores values in Redis again");
    }

    /// <summary>The Redis key the cache stored <paramref name="key"/> under (FusionCache puts its format version in front); null when it holds none.</summary>
    private async Task<RedisKey?> StoredKeyAsync(string key)
    {
        var server = first.Services.GetRequiredService<IConnectionMultiplexer>().GetServers()[0];
        await foreach (var stored in server.KeysAsync(pattern: $"*{name}:{key}"))
        {
            return stored;
        }

        return null;
    }

    private static async Task<T> Get<T>(IFusionCache cache, string key, Func<T> load) =>
        await cache.GetOrSetAsync<T>(key, (_, _) => Task.FromResult(load()), options => options.SetDuration(Ttl));

    private async Task<IHost> StartHostAsync(string replica)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:redis"] = servers.RedisConnectionString;
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, $"cache {replica}"));
        builder.AddRedisClient("redis", configureOptions: redis => redis.ReconnectRetryPolicy = new LinearRetry(200));
        builder.AddMartCache(name);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed record Quote(string Symbol, decimal Price, int Version);
}
