namespace Mart.Hosting.Telemetry.Storage;

/// <summary>One time series: an instrument of one instance with one attribute set.</summary>
internal sealed class MetricSeries(MetricInstrument instrument, string instanceId, IReadOnlyList<TelemetryAttribute> attributes)
{
    public MetricInstrument Instrument { get; set; } = instrument;

    public string InstanceId { get; } = instanceId;

    public IReadOnlyList<TelemetryAttribute> Attributes { get; } = attributes;

    /// <summary>Bucket upper bounds of a histogram series, as last reported.</summary>
    public IReadOnlyList<double>? Bounds { get; set; }

    /// <summary>"key=value, ..." in key order: the series' identity within its instrument, and its label.</summary>
    public string Label { get; } = Describe(attributes);

    public static string Describe(IReadOnlyList<TelemetryAttribute> attributes) =>
        string.Join(", ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}

/// <summary>A stored value of a series; histograms keep their bucket counts, sums and gauges their value.</summary>
internal readonly record struct StoredMetricPoint(MetricSeries Series, ulong StartUnixNano, ulong TimeUnixNano, double Value, ulong Count, double Sum, ulong[]? BucketCounts);
