using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Mart.Tests.Unit.Defaults;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_reports_every_check_as_json()
    {
        await using var app = await DefaultsTestApp.StartAsync(_ => { }, builder => builder.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Healthy("answered"), [HealthEndpoints.ReadyTag]));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(HealthEndpoints.HealthPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("self").GetProperty("status").GetString());
        Assert.Equal("answered", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal(HealthEndpoints.ReadyTag, checks.GetProperty("database").GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task Failing_dependency_fails_readiness_but_not_liveness()
    {
        await using var app = await DefaultsTestApp.StartAsync(_ => { }, builder => builder.Services.AddHealthChecks()
            .AddCheck("redis", () => HealthCheckResult.Unhealthy("no PONG"), [HealthEndpoints.ReadyTag]));
        using var client = app.CreateClient();

        using var health = await client.GetAsync(HealthEndpoints.HealthPath);
        using var alive = await client.GetAsync(HealthEndpoints.AlivePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var liveness = await alive.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(liveness.GetProperty("checks").TryGetProperty("redis", out _));
        Assert.True(liveness.GetProperty("checks").TryGetProperty("self", out _));
    }

    [Fact]
    public async Task Redis_unreachable_is_degraded_and_the_service_stays_ready()
    {
        // A port nothing listens on: Redis refuses, as a stopped server does.
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var app = await DefaultsTestApp.StartAsync(
            _ => { },
            builder => builder.AddRedisClient("redis"),
            settings: new Dictionary<string, string?> { ["ConnectionStrings:redis"] = $"127.0.0.1:{port},abortConnect=false,connectTimeout=500" });
        using var client = app.CreateClient();

        using var health = await client.GetAsync(HealthEndpoints.HealthPath);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var redis = report.GetProperty("checks").EnumerateObject().Single(check => check.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal));
        Assert.Equal("Degraded", redis.Value.GetProperty("status").GetString());
    }
}
