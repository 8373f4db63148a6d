using System.Diagnostics;
using Mart.Messaging;
using Mart.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Mart.Tests.Unit.Defaults;

public sealed class TelemetryTests
{
    private const string DependencyProbeSpan = "dependency probe";
    private static readonly ActivitySource MessagingSource = new(MessagingDiagnostics.ActivitySourceName);

    [Fact]
    public async Task Requests_and_outgoing_calls_are_traced_in_one_trace()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/chain");
        response.EnsureSuccessStatusCode();

        Assert.True(await Eventually.TrueAsync(() => ServerSpan(exporter, app, "/ping") is not null && ServerSpan(exporter, app, "/chain") is not null));
        var chain = ServerSpan(exporter, app, "/chain")!;
        var ping = ServerSpan(exporter, app, "/ping")!;
        Assert.Equal("GET /chain", chain.DisplayName);
        Assert.Equal("GET", chain.GetTagItem("http.request.method"));
        Assert.Equal("/chain", chain.GetTagItem("http.route"));
        Assert.Equal(200, chain.GetTagItem("http.response.status_code"));

        // The nested call went out through HttpClient (System.Net.Http) and came back in as a child of that span.
        var outgoing = Assert.Single(exporter.Activities, a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == chain.SpanId);
        Assert.Equal(ActivityKind.Client, outgoing.Kind);
        Assert.Equal(chain.TraceId, outgoing.TraceId);
        Assert.Equal(outgoing.SpanId, ping.ParentSpanId);
        Assert.Equal(chain.TraceId, ping.TraceId);
    }

    [Fact]
    public async Task Mart_sources_are_exported_with_the_service_telemetry()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/publish");
        response.EnsureSuccessStatusCode();

        Assert.True(await Eventually.TrueAsync(() => exporter.Activities.Any(a => a.Source.Name == MessagingDiagnostics.ActivitySourceName)));
    }

    [Fact]
    public async Task Failed_request_span_carries_status_route_and_error()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/items/42/fail");

        Assert.True(await Eventually.TrueAsync(() => ServerSpan(exporter, app, "/items/42/fail") is not null));
        var span = ServerSpan(exporter, app, "/items/42/fail")!;
        Assert.Equal("GET /items/{id}/fail", span.DisplayName);
        Assert.Equal(500, span.GetTagItem("http.response.status_code"));
        Assert.Equal("500", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Health_probes_and_their_children_are_not_traced()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter);
        using var client = app.CreateClient();

        (await client.GetAsync(HealthEndpoints.HealthPath)).EnsureSuccessStatusCode();
        (await client.GetAsync(HealthEndpoints.AlivePath)).EnsureSuccessStatusCode();
        (await client.GetAsync("/ping")).EnsureSuccessStatusCode();

        Assert.True(await Eventually.TrueAsync(() => ServerSpan(exporter, app, "/ping") is not null));
        Assert.Null(ServerSpan(exporter, app, HealthEndpoints.HealthPath));
        Assert.Null(ServerSpan(exporter, app, HealthEndpoints.AlivePath));

        // The readiness check below starts a span; under an unsampled probe it must not become a root of its own.
        Assert.DoesNotContain(exporter.Activities, a => a.DisplayName == DependencyProbeSpan);
    }

    [Fact]
    public async Task Resource_falls_back_to_the_application_name()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter);

        var attributes = ResourceAttributes(exporter);

        Assert.Equal(app.App.Environment.ApplicationName, attributes["service.name"]);
    }

    [Fact]
    public async Task Resource_comes_from_OTEL_SERVICE_NAME_and_OTEL_RESOURCE_ATTRIBUTES()
    {
        var exporter = new CollectingExporter();
        await using var app = await StartAsync(exporter, new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "products",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=products-7f3a,deployment.environment=test",
        });

        var attributes = ResourceAttributes(exporter);

        Assert.Equal("products", attributes["service.name"]);
        Assert.Equal("products-7f3a", attributes["service.instance.id"]);
        Assert.Equal("test", attributes["deployment.environment"]);
    }

    private static Dictionary<string, object> ResourceAttributes(CollectingExporter exporter) =>
        exporter.ParentProvider!.GetResource().Attributes.ToDictionary(pair => pair.Key, pair => pair.Value);

    // Providers listen process-wide, so spans of apps in other tests show up too: match this app's port.
    private static Activity? ServerSpan(CollectingExporter exporter, DefaultsTestApp app, string path) =>
        exporter.Activities.FirstOrDefault(a => a.Kind == ActivityKind.Server
            && (a.GetTagItem("url.path") as string) == path
            && a.GetTagItem("server.port") is int port && port == app.BaseAddress.Port);

    private static Task<DefaultsTestApp> StartAsync(CollectingExporter exporter, IReadOnlyDictionary<string, string?>? settings = null) =>
        DefaultsTestApp.StartAsync(
            app =>
            {
                app.MapGet("/ping", () => "pong");
                app.MapGet("/items/{id}/fail", string (int id) => throw new InvalidOperationException($"item {id}"));
                app.MapGet("/chain", async (IHttpClientFactory factory, HttpContext context) =>
                {
                    using var client = factory.CreateClient();
                    var self = $"{context.Request.Scheme}://{context.Request.Host}/ping";
                    return await client.GetStringAsync(self, context.RequestAborted);
                });
                app.MapGet("/publish", () =>
                {
                    using var activity = MessagingSource.StartActivity("publish", ActivityKind.Producer);
                    return activity is null ? Results.Problem("not sampled") : Results.Ok();
                });
            },
            builder =>
            {
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(exporter)));
                builder.Services.AddHealthChecks().AddCheck("traced-dependency", () =>
                {
                    using var activity = MessagingSource.StartActivity(DependencyProbeSpan);
                    return HealthCheckResult.Healthy();
                }, [HealthEndpoints.ReadyTag]);
            },
            settings: settings);
}
