namespace Mart.Hosting.Telemetry.Storage;

/// <summary>Everything the services sent over OTLP, each signal bounded on its own.</summary>
internal sealed class TelemetryStore(TelemetryLimits limits)
{
    public TelemetryLimits Limits { get; } = limits;

    public SpanStore Spans { get; } = new(limits.MaxSpans);

    public LogStore Logs { get; } = new(limits.MaxLogs);

    public MetricStore Metrics { get; } = new(limits.MaxMetricPoints, limits.MaxMetricSeries);

    /// <summary>Every service that sent telemetry, by name.</summary>
    public IReadOnlyList<string> Services() =>
        Spans.Services()
            .Concat(Logs.Services())
            .Concat(Metrics.GetInstruments(null).Select(i => i.Service))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
}
