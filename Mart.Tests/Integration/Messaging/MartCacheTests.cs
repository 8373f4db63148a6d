using Mart.ServiceDefaults.Caching;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

[Collection("servers")]
public sealed class MartCacheTests(ServersFixture servers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly string prefix = $"cachetest:{Guid.NewGuid():N}:";
    private IHost host = null!;

    private IMartCache Cache => host.Services.GetRequiredService<IMartCache>();

    private IDatabase Redis => host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:redis"] = servers.RedisConnectionString;
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, "cache"));
        builder.AddRedisClient("redis", configureOptions: redis => redis.ReconnectRetryPolicy = new LinearRetry(200));
        builder.AddMartCache(prefix);
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Miss_loads_and_stores_with_the_time_to_live_then_hits()
    {
        var loads = 0;

        var first = await Cache.GetOrLoadAsync("quote:MSFT", _ => Task.FromResult(new Quote("MSFT", 412.5m, ++loads)), Ttl);
        var second = await Cache.GetOrLoadAsync("quote:MSFT", _ => Task.FromResult(new Quote("MSFT", 0m, ++loads)), Ttl);

        Assert.Equal(new Quote("MSFT", 412.5m, 1), first);
        Assert.Equal(first, second);
        Assert.Equal(1, loads);
        var ttl = await Redis.KeyTimeToLiveAsync(prefix + "quote:MSFT");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), Ttl);
    }

    [Fact]
    public async Task Hundred_concurrent_misses_on_one_key_make_one_load()
    {
        var loads = 0;

        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(() => Cache.GetOrLoadAsync("news:general", async ct =>
        {
            Interlocked.Increment(ref loads);
            await Task.Delay(300, ct);
            return "headlines";
        }, Ttl)));
        var results = await Task.WhenAll(callers);

        Assert.All(results, result => Assert.Equal("headlines", result));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Set_and_remove_control_what_the_next_read_sees()
    {
        var loads = 0;
        await Cache.SetAsync("forex:EUR", 1.08, Ttl);

        Assert.Equal(1.08, await Cache.GetOrLoadAsync("forex:EUR", _ => Task.FromResult(++loads * 1.0), Ttl));
        await Cache.RemoveAsync("forex:EUR");
        Assert.Equal(1.0, await Cache.GetOrLoadAsync("forex:EUR", _ => Task.FromResult(++loads * 1.0), Ttl));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Redis_down_means_loading_from_the_source_not_failing()
    {
        var loads = 0;
        await servers.StopRedisAsync();
        try
        {
            Assert.Equal(1, await Cache.GetOrLoadAsync("profile:AAPL", _ => Task.FromResult(++loads), Ttl));
            Assert.Equal(2, await Cache.GetOrLoadAsync("profile:AAPL", _ => Task.FromResult(++loads), Ttl));
            await Cache.SetAsync("profile:AAPL", 99, Ttl);
            await Cache.RemoveAsync("profile:AAPL");
        }
        finally
        {
            await servers.StartRedisAsync();
        }

        // Back to caching once Redis answers again.
        await Eventually.TrueAsync(
            async () =>
            {
                await Cache.GetOrLoadAsync("profile:AAPL", _ => Task.FromResult(++loads), Ttl);
                try
                {
                    return (await Redis.StringGetAsync(prefix + "profile:AAPL")).HasValue;
                }
                catch (RedisConnectionException)
                {
                    // The test's own look fails fast too until the multiplexer has reconnected.
                    return false;
                }
            },
            "the cache stores values again");
    }

    private sealed record Quote(string Symbol, decimal Price, int Version);
}
