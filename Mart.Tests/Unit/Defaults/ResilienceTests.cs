using System.Diagnostics;
using System.Net;
using Mart.ServiceDefaults.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Mart.Tests.Unit.Defaults;

/// <summary>The standard pipeline every HttpClient gets from <c>AddServiceDefaults</c>, against a real socket.</summary>
public sealed class ResilienceTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Resilience:Retry:MaxRetryAttempts"] = "2",
        ["Resilience:Retry:Delay"] = "00:00:00.010",
        ["Resilience:Retry:MaxDelay"] = "00:00:02",
    };

    [Fact]
    public async Task Transient_failures_of_a_GET_are_retried_until_it_succeeds()
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", () =>
            Interlocked.Increment(ref attempts) < 3 ? Results.StatusCode(503) : Results.Text("ok")));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(backend.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Gives_up_after_the_configured_retries_and_returns_the_last_answer(int status)
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", () =>
        {
            Interlocked.Increment(ref attempts);
            return Results.StatusCode(status);
        }));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(backend.BaseAddress);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(401)]
    public async Task Client_errors_are_not_retried(int status)
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", () =>
        {
            Interlocked.Increment(ref attempts);
            return Results.StatusCode(status);
        }));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(backend.BaseAddress);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task POST_is_not_retried()
    {
        var attempts = 0;
        await using var backend = await AlwaysUnavailableAsync(() => Interlocked.Increment(ref attempts));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();

        using var response = await client.PostAsync(backend.BaseAddress, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task POST_with_an_Idempotency_Key_is_retried()
    {
        var attempts = 0;
        await using var backend = await AlwaysUnavailableAsync(() => Interlocked.Increment(ref attempts));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, backend.BaseAddress) { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task POST_marked_safe_to_resend_is_retried()
    {
        var attempts = 0;
        await using var backend = await AlwaysUnavailableAsync(() => Interlocked.Increment(ref attempts));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, backend.BaseAddress) { Content = new StringContent("{}") };
        request.SetAllowRetries(true);

        using var response = await client.SendAsync(request);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task GET_marked_unsafe_to_resend_is_not_retried()
    {
        var attempts = 0;
        await using var backend = await AlwaysUnavailableAsync(() => Interlocked.Increment(ref attempts));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, backend.BaseAddress).SetAllowRetries(false);

        using var response = await client.SendAsync(request);

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Retry_After_is_honoured()
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            return Results.Text("ok");
        }));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(backend.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed} although the server asked for 1 s");
    }

    [Fact]
    public async Task Retry_After_beyond_the_maximum_delay_returns_the_answer_instead_of_retrying_early()
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", (HttpResponse response) =>
        {
            Interlocked.Increment(ref attempts);
            response.Headers.RetryAfter = "120";
            return Results.StatusCode(503);
        }));
        await using var host = await ClientHost.StartAsync(FastRetries);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(backend.BaseAddress);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Refused_connections_are_retried_even_for_POST_then_surface()
    {
        var closed = await ClosedPortAsync();
        var attempts = new AttemptCounter();
        await using var host = await ClientHost.StartAsync(FastRetries, services => services.AddHttpClient("counted").AddHttpMessageHandler(() => attempts));
        using var client = host.CreateClient("counted");

        // Nothing reached a server, so even a POST is safe to send again.
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(closed, new StringContent("{}")));

        Assert.Equal(3, attempts.Count);
    }

    [Fact]
    public async Task Slow_attempt_times_out_and_is_retried()
    {
        var attempts = 0;
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", async (CancellationToken aborted) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), aborted);
            }

            return "ok";
        }));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>(FastRetries)
        {
            ["Resilience:AttemptTimeout"] = "00:00:00.300",
        });
        using var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        var answer = await client.GetStringAsync(backend.BaseAddress);

        Assert.Equal("ok", answer);
        Assert.Equal(2, attempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Total_timeout_bounds_the_whole_call()
    {
        await using var backend = await TestBackend.StartAsync(app => app.MapGet("/", async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), aborted);
            return "late";
        }));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>(FastRetries)
        {
            ["Resilience:TotalRequestTimeout"] = "00:00:00.800",
            ["Resilience:AttemptTimeout"] = "00:00:00.300",
        });
        using var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync(backend.BaseAddress));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Circuit_opens_for_a_failing_endpoint_only()
    {
        var failing = 0;
        await using var broken = await AlwaysUnavailableAsync(() => Interlocked.Increment(ref failing));
        await using var healthy = await TestBackend.StartAsync(app => app.MapGet("/", () => "ok"));
        await using var host = await ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["Resilience:Retry:MaxRetryAttempts"] = "0",
            ["Resilience:CircuitBreaker:MinimumThroughput"] = "2",
            ["Resilience:CircuitBreaker:FailureRatio"] = "0.5",
            ["Resilience:CircuitBreaker:BreakDuration"] = "00:00:30",
        });
        using var client = host.CreateClient();

        (await client.GetAsync(broken.BaseAddress)).Dispose();
        (await client.GetAsync(broken.BaseAddress)).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(broken.BaseAddress));

        Assert.Equal(2, failing);
        Assert.Equal("ok", await client.GetStringAsync(healthy.BaseAddress));
    }

    [Fact]
    public async Task Invalid_settings_fail_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["Resilience:TotalRequestTimeout"] = "00:00:05",
            ["Resilience:AttemptTimeout"] = "00:00:10",
        }));

        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }

    private static Task<TestBackend> AlwaysUnavailableAsync(Action onAttempt) =>
        TestBackend.StartAsync(app => app.Map("/", () =>
        {
            onAttempt();
            return Results.StatusCode(503);
        }));

    private static async Task<Uri> ClosedPortAsync()
    {
        Uri address;
        await using (var backend = await TestBackend.StartAsync(_ => { }))
        {
            address = backend.BaseAddress;
        }

        return address;
    }

    private sealed class AttemptCounter : DelegatingHandler
    {
        private int count;

        public int Count => count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
