using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>
/// The AppHost's OTLP/HTTP receiver fed by the real OpenTelemetry .NET exporter (http/protobuf, as the services
/// export), and what the dashboard's JSON APIs then show.
/// </summary>
public sealed class OtlpReceiverTests(EmptyModelFixture fixture) : IClassFixture<EmptyModelFixture>, IDisposable
{
    private readonly DashboardClient _dashboard = new(fixture.App.DashboardUri);

    // Each test reports as its own service, so tests never see each other's telemetry.
    private readonly string _service = "otlp-test-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Spans_from_the_exporter_list_as_a_trace_and_lay_out_as_a_waterfall()
    {
        using var source = new ActivitySource(_service);
        string traceId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .ConfigureResource(r => r.AddService(_service, serviceInstanceId: _service + "-1"))
            .AddOtlpExporter(o => Export(o, "/v1/traces"))
            .Build())
        {
            using (var root = source.StartActivity("POST /checkout", ActivityKind.Server)!)
            {
                root.SetTag("http.request.method", "POST");
                using (var child = source.StartActivity("charge card", ActivityKind.Client)!)
                {
                    child.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
                    child.SetStatus(ActivityStatusCode.Error, "card declined");
                }

                using (source.StartActivity("publish mart.orders", ActivityKind.Producer))
                {
                }

                traceId = root.TraceId.ToHexString();
            }

            Assert.True(provider.ForceFlush(10_000));
        }

        var listed = await _dashboard.WaitForAsync(
            $"/api/traces?service={_service}",
            traces => traces.Items().Where(t => t.Text("traceId") == traceId && t.GetProperty("spanCount").GetInt32() == 3).Cast<JsonElement?>().FirstOrDefault(),
            "the trace in the list");
        Assert.Equal("POST /checkout", listed.Text("name"));
        Assert.Equal(_service, listed.Text("service"));
        Assert.Equal(1, listed.GetProperty("errorCount").GetInt32());
        Assert.True(listed.GetProperty("durationMs").GetDouble() > 0);

        var trace = await _dashboard.GetJsonAsync($"/api/traces/{traceId}");
        var spans = trace.Items("spans").ToList();
        Assert.Equal(["POST /checkout", "charge card", "publish mart.orders"], spans.Select(s => s.Text("name")));
        Assert.Equal([0, 1, 1], spans.Select(s => s.GetProperty("depth").GetInt32()));
        Assert.Equal(["Server", "Client", "Producer"], spans.Select(s => s.Text("kind")));
        Assert.Equal(spans[0].Text("spanId"), spans[1].Text("parentSpanId"));
        Assert.Equal(_service + "-1", spans[0].Text("instance"));
        Assert.Equal("POST", spans[0].Attribute("http.request.method"));
        Assert.Equal("Error", spans[1].Text("status"));
        Assert.Equal("card declined", spans[1].Text("statusMessage"));
        var retry = Assert.Single(spans[1].Items("events"));
        Assert.Equal("retry", retry.Text("name"));
        Assert.Equal("2", retry.Attribute("attempt"));
    }

    [Fact]
    public async Task Logs_from_the_exporter_show_with_level_message_attributes_and_their_trace()
    {
        string traceId;
        using (var logging = LoggerFactory.Create(builder => builder.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(_service));
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(e => Export(e, "/v1/logs"));
        })))
        {
            var logger = logging.CreateLogger("Mart.Checkout");
            using var activity = new Activity("checkout").Start();
            traceId = activity.TraceId.ToHexString();
            logger.LogInformation("Order {OrderId} accepted", "o-7");
            logger.LogError(new InvalidOperationException("gateway timeout"), "Payment for {OrderId} failed after {Attempts} attempts", "o-7", 3);
        }

        var page = await _dashboard.WaitForAsync(
            $"/api/logs?service={_service}",
            json => json.Items("logs").Count() == 2 ? json : null,
            "both log records");
        var error = page.Items("logs").First();
        Assert.Equal("Payment for o-7 failed after 3 attempts", error.Text("message"));
        Assert.Equal("Error", error.Text("level"));
        Assert.Equal("Mart.Checkout", error.Text("category"));
        Assert.Equal("o-7", error.Attribute("OrderId"));
        Assert.Equal("3", error.Attribute("Attempts"));
        Assert.Equal("InvalidOperationException", error.Attribute("exception.type"));
        Assert.Equal("gateway timeout", error.Attribute("exception.message"));
        Assert.Equal(traceId, error.Text("traceId"));

        var warningsAndAbove = await _dashboard.GetJsonAsync($"/api/logs?service={_service}&level=warning");
        Assert.Equal(["Payment for o-7 failed after 3 attempts"], warningsAndAbove.Items("logs").Select(l => l.Text("message")));

        var searched = await _dashboard.GetJsonAsync($"/api/logs?service={_service}&search=ACCEPTED");
        Assert.Equal(["Order o-7 accepted"], searched.Items("logs").Select(l => l.Text("message")));

        var byTrace = await _dashboard.GetJsonAsync($"/api/logs?traceId={traceId}");
        Assert.Equal(2, byTrace.Items("logs").Count());

        var newer = await _dashboard.GetJsonAsync($"/api/logs?service={_service}&after={page.GetProperty("lastSequence").GetInt64()}");
        Assert.Empty(newer.Items("logs"));
    }

    [Fact]
    public async Task Metrics_from_the_exporter_list_per_service_and_chart_over_time()
    {
        using var meter = new Meter(_service);
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .ConfigureResource(r => r.AddService(_service))
            .AddOtlpExporter((e, reader) =>
            {
                Export(e, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            var placed = meter.CreateCounter<long>("orders.placed", "{order}", "Orders placed");
            placed.Add(3, new KeyValuePair<string, object?>("channel", "web"));
            placed.Add(2, new KeyValuePair<string, object?>("channel", "app"));
            var duration = meter.CreateHistogram<double>("checkout.duration", "ms");
            for (var ms = 1; ms <= 100; ms++)
            {
                duration.Record(ms);
            }

            meter.CreateObservableGauge("queue.depth", () => 7);
            Assert.True(provider.ForceFlush(10_000));
        }

        var instruments = await _dashboard.WaitForAsync(
            $"/api/metrics/instruments?service={_service}",
            json => json.Items().Count() == 3 ? json : null,
            "three instruments");
        Assert.Equal(["checkout.duration", "orders.placed", "queue.depth"], instruments.Items().Select(i => i.Text("name")));
        var counter = instruments.Items().Single(i => i.Text("name") == "orders.placed");
        Assert.Equal(("Sum", "{order}", "Orders placed", _service), (counter.Text("kind"), counter.Text("unit"), counter.Text("description"), counter.Text("meter")));

        var sum = await _dashboard.GetJsonAsync($"/api/metrics/chart?service={_service}&meter={_service}&name=orders.placed");
        var lines = sum.Items("lines").ToDictionary(l => l.Text("label"), l => l.Items("points").Last().GetProperty("value").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["channel=web"] = 3, ["channel=app"] = 2 }, lines);

        var gauge = await _dashboard.GetJsonAsync($"/api/metrics/chart?service={_service}&meter={_service}&name=queue.depth");
        Assert.Equal(7, Assert.Single(gauge.Items("series")).GetProperty("value").GetDouble());

        // 1..100 ms into the default buckets: the median is 50 and the 99th percentile 99, interpolated within buckets.
        var histogram = await _dashboard.GetJsonAsync($"/api/metrics/chart?service={_service}&meter={_service}&name=checkout.duration");
        var percentiles = histogram.Items("lines").ToDictionary(l => l.Text("label"), l => Assert.Single(l.Items("points")).GetProperty("value").GetDouble());
        Assert.Equal(["P50", "P90", "P99"], percentiles.Keys);
        Assert.InRange(percentiles["P50"], 45, 55);
        Assert.InRange(percentiles["P99"], 95, 100);
        var row = Assert.Single(histogram.Items("series"));
        Assert.Equal(100UL, row.GetProperty("count").GetUInt64());
        Assert.Equal(5050, row.GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task A_gzip_body_is_accepted_and_answered_with_an_empty_protobuf_response()
    {
        var traceId = OtlpPayloads.NewTraceId();
        var payload = OtlpPayloads.Traces(_service, (traceId, OtlpPayloads.NewSpanId(), "compressed span"));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(payload);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await _dashboard.Http.PostAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var trace = await _dashboard.GetJsonAsync($"/api/traces/{traceId}");
        var span = Assert.Single(trace.Items("spans"));
        Assert.Equal(("compressed span", _service, "Server"), (span.Text("name"), span.Text("service"), span.Text("kind")));
    }

    [Theory]
    [InlineData("application/x-protobuf", new byte[] { 0x0A, 0x05, 0x01 }, HttpStatusCode.BadRequest)]
    [InlineData("application/x-protobuf", new byte[] { 0x00 }, HttpStatusCode.BadRequest)]
    [InlineData("application/json", new byte[] { 0x7B, 0x7D }, HttpStatusCode.UnsupportedMediaType)]
    public async Task A_request_that_is_not_otlp_protobuf_is_refused(string contentType, byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _dashboard.Http.PostAsync("/v1/logs", content);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Each_signal_keeps_only_its_newest_items_up_to_its_cap()
    {
        await using var app = await EmptyModelFixture.StartAsync("--Dashboard:MaxSpans=5");
        using var dashboard = new DashboardClient(app.DashboardUri);
        for (var i = 1; i <= 8; i++)
        {
            using var content = new ByteArrayContent(OtlpPayloads.Traces(_service, (OtlpPayloads.NewTraceId(), OtlpPayloads.NewSpanId(), $"span {i}")));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await dashboard.Http.PostAsync("/v1/traces", content);
            response.EnsureSuccessStatusCode();
        }

        var traces = await dashboard.GetJsonAsync("/api/traces");
        Assert.Equal(
            Enumerable.Range(4, 5).Select(i => $"span {i}").Order(),
            traces.Items().Select(t => t.Text("name")).Order());
        var status = await dashboard.GetJsonAsync("/api/telemetry");
        Assert.Equal(3, status.GetProperty("dropped").GetProperty("spans").GetInt64());
        Assert.Equal(5, status.GetProperty("limits").GetProperty("maxSpans").GetInt32());
    }

    public void Dispose() => _dashboard.Dispose();

    private void Export(OtlpExporterOptions options, string path)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(fixture.App.DashboardUri, path);
        options.TimeoutMilliseconds = 10_000;
    }
}
