using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Storage;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// An instrument drawn over time. Sums and gauges: one line per series (instance and attribute set), the busiest
/// first. Histograms: the 50th, 90th and 99th percentiles of what was recorded between two exports, across all
/// series, estimated from the bucket counts (or the mean when there are no buckets).
/// </summary>
internal sealed record MetricChart(MetricInstrument Instrument, IReadOnlyList<ChartLine> Lines, IReadOnlyList<SeriesRow> Series, int HiddenLines)
{
    private const int MaxLines = 10;

    public static MetricChart Build(MetricInstrument instrument, IReadOnlyList<StoredMetricPoint> points)
    {
        var bySeries = points.GroupBy(p => p.Series).ToList();
        var replicas = bySeries.Select(g => g.Key.InstanceId).Distinct(StringComparer.Ordinal).Count() > 1;
        var rows = bySeries.Select(g => SeriesRow.From(g.Key, g.MaxBy(p => p.TimeUnixNano), replicas)).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        if (instrument.Kind == MetricKind.Histogram)
        {
            return new MetricChart(instrument, HistogramLines(bySeries), rows, 0);
        }

        var lines = bySeries
            .Select(g => new ChartLine(SeriesRow.LabelOf(g.Key, replicas), g.OrderBy(p => p.TimeUnixNano).Select(p => new ChartPoint(ToUnixMs(p.TimeUnixNano), p.Value)).ToList()))
            .OrderByDescending(l => Math.Abs(l.Points[^1].Value))
            .ThenBy(l => l.Label, StringComparer.Ordinal)
            .ToList();
        return new MetricChart(instrument, lines.Take(MaxLines).ToList(), rows, Math.Max(0, lines.Count - MaxLines));
    }

    private static List<ChartLine> HistogramLines(List<IGrouping<MetricSeries, StoredMetricPoint>> bySeries)
    {
        // What each series recorded per interval, summed per export second across series.
        var intervals = new SortedDictionary<long, Interval>();
        foreach (var series in bySeries)
        {
            StoredMetricPoint? previous = null;
            foreach (var point in series.OrderBy(p => p.TimeUnixNano))
            {
                var delta = Delta(series.Key.Instrument.IsCumulative ? previous : null, point);
                previous = point;
                if (delta.Count == 0)
                {
                    continue;
                }

                var second = ToUnixMs(point.TimeUnixNano) / 1000 * 1000;
                if (!intervals.TryGetValue(second, out var interval))
                {
                    intervals[second] = interval = new Interval(series.Key.Bounds);
                }

                interval.Add(delta, series.Key.Bounds);
            }
        }

        if (intervals.Count == 0)
        {
            return [];
        }

        if (intervals.Values.All(i => i.Buckets is null))
        {
            return [new ChartLine("mean", intervals.Select(i => new ChartPoint(i.Key, i.Value.Sum / i.Value.Count)).ToList())];
        }

        return new[] { 0.5, 0.9, 0.99 }
            .Select(q => new ChartLine(
                $"P{q * 100:0}",
                intervals.Where(i => i.Value.Buckets is not null && i.Value.Bounds is { Count: > 0 })
                    .Select(i => new ChartPoint(i.Key, Percentile(i.Value.Bounds!, i.Value.Buckets!, q))).ToList()))
            .ToList();
    }

    /// <summary>What was recorded since <paramref name="previous"/>; a new start time means the process restarted and counts afresh.</summary>
    private static (ulong Count, double Sum, ulong[]? Buckets) Delta(StoredMetricPoint? previous, StoredMetricPoint point)
    {
        if (previous is not { } before || before.StartUnixNano != point.StartUnixNano || before.Count > point.Count)
        {
            return (point.Count, point.Sum, point.BucketCounts);
        }

        ulong[]? buckets = null;
        if (point.BucketCounts is { } now && before.BucketCounts is { } then && now.Length == then.Length)
        {
            buckets = new ulong[now.Length];
            for (var i = 0; i < now.Length; i++)
            {
                buckets[i] = now[i] >= then[i] ? now[i] - then[i] : now[i];
            }
        }

        return (point.Count - before.Count, point.Sum - before.Sum, buckets);
    }

    /// <summary>
    /// The value below which a fraction <paramref name="q"/> of the recordings fall, interpolating linearly inside the
    /// bucket that holds it; recordings above the last bound are reported at that bound.
    /// </summary>
    internal static double Percentile(IReadOnlyList<double> bounds, ulong[] buckets, double q)
    {
        var total = buckets.Aggregate(0UL, (sum, c) => sum + c);
        var rank = q * total;
        double seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] == 0)
            {
                continue;
            }

            if (seen + buckets[i] >= rank)
            {
                if (i >= bounds.Count)
                {
                    return bounds[^1];
                }

                var lower = i == 0 ? Math.Min(0, bounds[0]) : bounds[i - 1];
                return lower + ((bounds[i] - lower) * ((rank - seen) / buckets[i]));
            }

            seen += buckets[i];
        }

        return bounds[^1];
    }

    private static long ToUnixMs(ulong unixNano) => (long)(unixNano / 1_000_000);

    private sealed class Interval(IReadOnlyList<double>? bounds)
    {
        public IReadOnlyList<double>? Bounds { get; } = bounds;

        public ulong Count { get; private set; }

        public double Sum { get; private set; }

        public ulong[]? Buckets { get; private set; }

        public void Add((ulong Count, double Sum, ulong[]? Buckets) delta, IReadOnlyList<double>? bounds)
        {
            Count += delta.Count;
            Sum += delta.Sum;

            // Series with other bucket bounds cannot be merged; they still count toward the mean.
            if (delta.Buckets is null || bounds is null || Bounds is null || !bounds.SequenceEqual(Bounds))
            {
                return;
            }

            Buckets ??= new ulong[delta.Buckets.Length];
            for (var i = 0; i < Buckets.Length && i < delta.Buckets.Length; i++)
            {
                Buckets[i] += delta.Buckets[i];
            }
        }
    }
}

internal sealed record ChartLine(string Label, IReadOnlyList<ChartPoint> Points);

/// <summary>One point of a line: unix milliseconds and the value.</summary>
internal sealed record ChartPoint(long Time, double Value);

/// <summary>The newest value of one series, for the table under the chart.</summary>
internal sealed record SeriesRow(string Label, string Instance, IReadOnlyList<TelemetryAttribute> Attributes, DateTimeOffset Time, double? Value, ulong? Count, double? Sum)
{
    public static SeriesRow From(MetricSeries series, StoredMetricPoint latest, bool withInstance) =>
        series.Instrument.Kind == MetricKind.Histogram
            ? new SeriesRow(LabelOf(series, withInstance), series.InstanceId, series.Attributes, UnixNano.ToDateTimeOffset(latest.TimeUnixNano), null, latest.Count, latest.Sum)
            : new SeriesRow(LabelOf(series, withInstance), series.InstanceId, series.Attributes, UnixNano.ToDateTimeOffset(latest.TimeUnixNano), latest.Value, null, null);

    /// <summary>The attribute set; with replicas, prefixed by the instance so their lines stay apart.</summary>
    public static string LabelOf(MetricSeries series, bool withInstance)
    {
        var attributes = series.Label.Length > 0 ? series.Label : "(no attributes)";
        return withInstance && series.InstanceId.Length > 0 ? $"{series.InstanceId}: {attributes}" : attributes;
    }
}
