using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mart.Contracts;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

[Collection("servers")]
public sealed class MessagingTelemetryTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Consumer_span_is_a_child_of_the_producer_span_in_the_same_trace()
    {
        // Created before the listener subscribes, so the listener is offered this source too.
        using var requests = new ActivitySource("Mart.Tests.Messaging.Requests");
        var finished = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MessagingDiagnostics.ActivitySourceName || source == requests,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await MessagingTestHost.StartAsync(
            await servers.CreateDatabaseAsync("telemetry_trace"), servers.RedisConnectionString, MessagingTestNames.Service(), "c1", new HandlerScript(), output);
        var product = MessagingTestNames.Product();

        OutboxMessage row;
        ActivityTraceId requestTrace;
        using (var request = requests.StartActivity("POST /products", ActivityKind.Server))
        {
            requestTrace = request!.TraceId;
            row = (await host.PublishAsync(new ProductCreated { ProductId = product }))[0];
        }

        await Eventually.TrueAsync(async () => await host.CountEffectsAsync(product) == 1, "the event was handled");

        // The row carries the producer span's context; the handler ran inside a span that continues it.
        Assert.True(ActivityContext.TryParse(row.TraceParent, null, out var producer));
        Assert.Equal(requestTrace, producer.TraceId);
        var effect = Assert.Single(await host.EffectsAsync(product));
        Assert.Equal(requestTrace.ToString(), effect.TraceId);
        Assert.Equal(producer.SpanId.ToString(), effect.ParentId);

        var create = Assert.Single(finished, a => a.SpanId == producer.SpanId);
        Assert.Equal(ActivityKind.Producer, create.Kind);
        Assert.Equal($"create {host.Stream}", create.DisplayName);
        await Eventually.TrueAsync(() => Task.FromResult(finished.Any(a => a.Kind == ActivityKind.Consumer && a.ParentSpanId == producer.SpanId)), "the consumer span ended");
        var process = finished.Single(a => a.Kind == ActivityKind.Consumer && a.ParentSpanId == producer.SpanId);
        Assert.Equal(requestTrace, process.TraceId);
        Assert.Equal($"process {host.Stream}", process.DisplayName);
        Assert.Equal(row.Id.ToString(), process.GetTagItem("messaging.message.id"));
        Assert.Equal(host.ServiceName, process.GetTagItem("messaging.consumer.group.name"));
        Assert.Contains(finished, a => a.DisplayName == $"send {host.Stream}" && a.Links.Any(link => link.Context.SpanId == producer.SpanId));
    }

    [Fact]
    public async Task Counters_and_gauges_report_the_stream()
    {
        var stream = string.Empty;
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == MessagingDiagnostics.MeterName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            measurements.Enqueue((instrument.Name, value, map));
        });
        listener.Start();

        var script = new HandlerScript();
        await using var host = await MessagingTestHost.StartAsync(
            await servers.CreateDatabaseAsync("telemetry_metrics"), servers.RedisConnectionString, MessagingTestNames.Service(), "c1", script, output);
        stream = host.Stream;
        var flaky = MessagingTestNames.Product();
        var poison = MessagingTestNames.Product();
        script.FailTimes(flaky, 1);
        script.FailAlways(poison);

        await host.PublishAsync(new ProductCreated { ProductId = flaky }, new ProductCreated { ProductId = poison });
        await Eventually.TrueAsync(async () => await host.Redis.StreamLengthAsync(StreamNames.DeadLetters(stream)) == 1, "the poison was dead-lettered");
        await Eventually.TrueAsync(() => Task.FromResult(Sum("mart.messaging.consumed") >= 2), "both entries were counted as consumed");
        listener.RecordObservableInstruments();

        Assert.Equal(2, Sum("mart.messaging.published"));
        Assert.Equal(1 + 2, Sum("mart.messaging.retried"));
        Assert.Equal(1, Sum("mart.messaging.dead_lettered"));
        Assert.Contains(measurements, m => m.Instrument == "mart.messaging.consumed" && Equals(m.Tags["mart.outcome"], "processed"));
        Assert.Contains(measurements, m => m.Instrument == "mart.messaging.outbox.backlog" && Equals(m.Tags["messaging.destination.name"], stream));
        Assert.Contains(measurements, m => m.Instrument == "mart.messaging.consumer.lag" && Equals(m.Tags["messaging.consumer.group.name"], host.ServiceName));

        long Sum(string instrument) => measurements
            .Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("messaging.destination.name"), stream))
            .Sum(m => m.Value);
    }
}
