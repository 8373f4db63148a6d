using System.Diagnostics;
using System.Net;
using Mart.ServiceDefaults.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mart.Tests.Unit.Defaults;

/// <summary>Discovery as every HttpClient of a service gets it from <c>AddServiceDefaults</c>.</summary>
public sealed class ServiceDiscoveryTests
{
    [Theory]
    [InlineData("http://orders")]
    [InlineData("https+http://orders")]
    public async Task Client_with_a_logical_base_address_reaches_the_configured_endpoint(string baseAddress)
    {
        await using var orders = await TestBackend.StartAsync(app => app.MapGet("/whoami", () => "orders"));
        await using var host = await ClientHost.StartAsync(
            new Dictionary<string, string?> { ["services:orders:http:0"] = orders.BaseAddress.ToString() },
            services => services.AddHttpClient("orders", client => client.BaseAddress = new Uri(baseAddress)));
        using var client = host.CreateClient("orders");

        var answer = await client.GetStringAsync("/whoami");

        Assert.Equal("orders", answer);
    }

    [Fact]
    public async Task Unknown_service_fails_with_the_missing_key_and_is_not_retried()
    {
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["Resilience:Retry:Delay"] = "00:00:01",
        });
        using var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ServiceEndpointNotFoundException>(() => client.GetAsync("http://payments/health"));

        Assert.Contains("services__payments__http__0", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "a configuration error must not be retried");
    }

    [Fact]
    public async Task Every_attempt_resolves_again()
    {
        var calls = 0;
        await using var orders = await TestBackend.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Text("ok")));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:orders:http:0"] = orders.BaseAddress.ToString(),
            ["Resilience:Retry:Delay"] = "00:00:00.010",
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("http://orders/flaky");

        // The retry went to the configured endpoint too: the logical URI was restored after the first attempt.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
        Assert.Equal(new Uri("http://orders/flaky"), response.RequestMessage?.RequestUri);
    }
}
