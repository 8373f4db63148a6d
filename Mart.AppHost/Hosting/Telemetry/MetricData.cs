namespace Mart.Hosting.Telemetry;

/// <summary>The OTLP metric data kinds the dashboard charts.</summary>
internal enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
}

/// <summary>One instrument of one service's meter.</summary>
internal sealed record MetricInstrument(string Service, string Meter, string Name, string Description, string Unit, MetricKind Kind, bool IsCumulative);

/// <summary>
/// One value of an instrument for one attribute set at one time. Sums and gauges carry <see cref="Value"/>;
/// histograms carry <see cref="Count"/>, <see cref="Sum"/> and, for explicit-bucket histograms, the bucket counts
/// with their upper bounds.
/// </summary>
internal sealed record MetricDataPoint(
    string InstanceId,
    IReadOnlyList<TelemetryAttribute> Attributes,
    ulong StartUnixNano,
    ulong TimeUnixNano,
    double Value,
    ulong Count,
    double Sum,
    IReadOnlyList<double>? Bounds,
    IReadOnlyList<ulong>? BucketCounts);

/// <summary>What one export carried for one instrument.</summary>
internal sealed record MetricBatch(MetricInstrument Instrument, IReadOnlyList<MetricDataPoint> Points);
