using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mart.Tests.Unit.Defaults;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_configured_endpoint_as_http_protobuf()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var serviceName = $"otlp-test-{Guid.NewGuid():N}";
        await using var app = await DefaultsTestApp.StartAsync(
            endpoints => endpoints.MapGet("/ping", (ILogger<OtlpExportTests> logger) =>
            {
                logger.LogWarning("ping handled");
                return "pong";
            }),
            settings: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString(),

                // As the AppHost sets it; without it the exporter speaks OTLP/gRPC, its default.
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = serviceName,
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            });
        using var client = app.CreateClient();

        (await client.GetAsync("/ping")).EnsureSuccessStatusCode();

        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            Assert.True(
                await Eventually.TrueAsync(() => collector.Received.Any(r => r.Path == $"/v1/{signal}" && r.Mentions(serviceName))),
                $"no {signal} export for {serviceName}; got: {string.Join(", ", collector.Received.Select(r => r.Path))}");
        }

        Assert.True(await Eventually.TrueAsync(() => collector.Received.Any(r => r.Path == "/v1/logs" && r.Mentions("ping handled"))));
        Assert.All(collector.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    private sealed record OtlpRequest(string Path, string? ContentType, byte[] Body)
    {
        // Protobuf stores strings as raw UTF-8, so the resource and log text can be found in the bytes.
        public bool Mentions(string text) => Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }

    private sealed class OtlpCollector : IAsyncDisposable
    {
        private TestBackend backend = null!;

        public Uri BaseAddress => backend.BaseAddress;

        public ConcurrentQueue<OtlpRequest> Received { get; } = new();

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            collector.backend = await TestBackend.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector.Received.Enqueue(new OtlpRequest(request.Path, request.ContentType, body.ToArray()));
                return Results.Ok();
            }));
            return collector;
        }

        public ValueTask DisposeAsync() => backend.DisposeAsync();
    }
}
