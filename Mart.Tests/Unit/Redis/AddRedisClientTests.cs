using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mart.ServiceDefaults.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mart.Tests.Unit.Redis;

public sealed class AddRedisClientTests
{
    [Fact]
    public void A_missing_connection_string_is_a_clear_startup_error()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisClient("cache"));

        Assert.Contains("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_a_clear_startup_error()
    {
        var builder = Builder("cache", "host:notaport,password=x");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisClient("cache"));

        Assert.Contains("invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("password=x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_starts_while_redis_is_down_and_commands_fail_fast_with_a_clear_error()
    {
        var builder = Builder("cache", $"127.0.0.1:{UnusedPort()},password=x,abortConnect=false");
        builder.AddRedisClient("cache");
        using var host = builder.Build();
        var redis = host.Services.GetRequiredService<IRedisCommands>();
        Assert.Same(redis, host.Services.GetRequiredService<IRedisConnectionFactory>());

        var first = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.PingAsync());
        var clock = Stopwatch.StartNew();
        var second = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.GetAsync("k"));

        Assert.Contains("127.0.0.1", first.Message, StringComparison.Ordinal);
        Assert.Contains("reconnecting", second.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"a command while disconnected took {clock.Elapsed}");
    }

    [Fact]
    public async Task Registers_a_readiness_health_check_named_redis_that_fails_while_redis_is_down()
    {
        var builder = Builder("cache", $"127.0.0.1:{UnusedPort()}");
        builder.AddRedisClient("cache");
        using var host = builder.Build();

        var registration = Assert.Single(
            host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == "redis");
        Assert.Contains("ready", registration.Tags);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "redis");

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
    }

    [Fact]
    public void Options_can_be_adjusted_after_parsing()
    {
        var builder = Builder("cache", "127.0.0.1:6379");
        RedisClientOptions? seen = null;

        builder.AddRedisClient("cache", options =>
        {
            options.CommandTimeout = TimeSpan.FromSeconds(9);
            seen = options;
        });

        Assert.Equal(TimeSpan.FromSeconds(9), seen!.CommandTimeout);
        Assert.Equal(builder.Environment.ApplicationName, seen.ClientName);
    }

    private static HostApplicationBuilder Builder(string name, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{name}", connectionString)]);
        return builder;
    }

    // A port nothing listens on: bound by the OS, then released.
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
