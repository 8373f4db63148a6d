using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mart.Messaging;

/// <summary>The <c>Mart.Messaging</c> meter: event counters and the gauges the relay and consumers keep current.</summary>
public sealed class MessagingMetrics
{
    private readonly ConcurrentDictionary<string, long> backlog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, string Group), (long? Lag, long Pending)> consumers = new();
    private readonly Counter<long> published;
    private readonly Counter<long> consumed;
    private readonly Counter<long> retried;
    private readonly Counter<long> deadLettered;

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/>.</summary>
    public MessagingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MessagingDiagnostics.MeterName);
        published = meter.CreateCounter<long>("mart.messaging.published", "{event}", "Events the outbox relay added to a stream.");
        consumed = meter.CreateCounter<long>("mart.messaging.consumed", "{event}", "Entries a consumer finished with, by outcome.");
        retried = meter.CreateCounter<long>("mart.messaging.retried", "{attempt}", "Handler attempts that failed and were retried.");
        deadLettered = meter.CreateCounter<long>("mart.messaging.dead_lettered", "{event}", "Entries moved to a dead-letter stream.");
        meter.CreateObservableGauge("mart.messaging.outbox.backlog", ObserveBacklog, "{event}", "Outbox rows not yet published.");
        meter.CreateObservableGauge("mart.messaging.consumer.lag", ObserveLag, "{event}", "Stream entries not yet delivered to the consumer group.");
        meter.CreateObservableGauge("mart.messaging.consumer.pending", ObservePending, "{event}", "Entries delivered to the consumer group but not yet acknowledged.");
    }

    internal void Published(string stream, int count) =>
        published.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", stream));

    internal void Consumed(string stream, string group, string type, string outcome) =>
        consumed.Add(1, Tag("messaging.destination.name", stream), Tag("messaging.consumer.group.name", group), Tag("mart.event.type", type), Tag("mart.outcome", outcome));

    internal void Retried(string stream, string group, string type) =>
        retried.Add(1, Tag("messaging.destination.name", stream), Tag("messaging.consumer.group.name", group), Tag("mart.event.type", type));

    internal void DeadLettered(string stream, string group, string type) =>
        deadLettered.Add(1, Tag("messaging.destination.name", stream), Tag("messaging.consumer.group.name", group), Tag("mart.event.type", type));

    internal void SetBacklog(string stream, long unsent) => backlog[stream] = unsent;

    internal void SetConsumerState(string stream, string group, long? lag, long pending) => consumers[(stream, group)] = (lag, pending);

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        backlog.Select(pair => new Measurement<long>(pair.Value, Tag("messaging.destination.name", pair.Key)));

    private IEnumerable<Measurement<long>> ObserveLag() =>
        consumers.Where(pair => pair.Value.Lag is not null)
            .Select(pair => new Measurement<long>(pair.Value.Lag!.Value, Tag("messaging.destination.name", pair.Key.Stream), Tag("messaging.consumer.group.name", pair.Key.Group)));

    private IEnumerable<Measurement<long>> ObservePending() =>
        consumers.Select(pair => new Measurement<long>(pair.Value.Pending, Tag("messaging.destination.name", pair.Key.Stream), Tag("messaging.consumer.group.name", pair.Key.Group)));
}
