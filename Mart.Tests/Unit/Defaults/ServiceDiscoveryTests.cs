using System.Net;
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
    public async Task Transient_failure_is_retried_against_the_configured_endpoint()
    {
        var calls = 0;
        await using var orders = await TestBackend.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Text("ok")));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:orders:http:0"] = orders.BaseAddress.ToString(),
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("http://orders/flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Post_is_not_sent_again_after_a_transient_failure()
    {
        var calls = 0;
        await using var payments = await TestBackend.StartAsync(app => app.MapPost("/charges", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Text("charged twice")));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:payments:http:0"] = payments.BaseAddress.ToString(),
        });
        using var client = host.CreateClient();

        using var response = await client.PostAsync("http://payments/charges", content: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, calls);
    }
}
