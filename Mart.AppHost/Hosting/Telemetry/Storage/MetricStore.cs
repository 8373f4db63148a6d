namespace Mart.Hosting.Telemetry.Storage;

/// <summary>
/// The newest metric points of every service (one ring buffer bounded by <c>Dashboard:MaxMetricPoints</c>) and the
/// catalogue of instruments and series they belong to (bounded by <c>Dashboard:MaxMetricSeries</c>: points of
/// series beyond it are dropped and counted).
/// </summary>
internal sealed class MetricStore(int maxPoints, int maxSeries)
{
    private readonly RingBuffer<StoredMetricPoint> _points = new(maxPoints);
    private readonly Dictionary<(string Service, string Meter, string Name), InstrumentEntry> _instruments = [];
    private readonly Lock _gate = new();
    private int _seriesCount;
    private long _droppedForSeriesCap;

    public long DroppedPoints => _points.Dropped + Interlocked.Read(ref _droppedForSeriesCap);

    public void Add(IEnumerable<MetricBatch> batches)
    {
        var stored = new List<StoredMetricPoint>();
        lock (_gate)
        {
            foreach (var batch in batches)
            {
                var key = (batch.Instrument.Service, batch.Instrument.Meter, batch.Instrument.Name);
                if (!_instruments.TryGetValue(key, out var entry))
                {
                    _instruments[key] = entry = new InstrumentEntry(batch.Instrument);
                }

                entry.Instrument = batch.Instrument;
                foreach (var point in batch.Points)
                {
                    if (SeriesFor(entry, point) is not { } series)
                    {
                        Interlocked.Increment(ref _droppedForSeriesCap);
                        continue;
                    }

                    series.Bounds = point.Bounds ?? series.Bounds;
                    stored.Add(new StoredMetricPoint(
                        series, point.StartUnixNano, point.TimeUnixNano, point.Value, point.Count, point.Sum, point.BucketCounts?.ToArray()));
                }
            }
        }

        _points.AddRange(stored);
    }

    /// <summary>Instruments, optionally of one service, ordered by service, meter and name.</summary>
    public IReadOnlyList<MetricInstrument> GetInstruments(string? service)
    {
        lock (_gate)
        {
            return _instruments.Values
                .Select(e => e.Instrument)
                .Where(i => string.IsNullOrEmpty(service) || string.Equals(i.Service, service, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.Meter, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    public MetricInstrument? FindInstrument(string service, string meter, string name)
    {
        lock (_gate)
        {
            return _instruments.Values.Select(e => e.Instrument).FirstOrDefault(i =>
                string.Equals(i.Service, service, StringComparison.OrdinalIgnoreCase)
                && string.Equals(i.Meter, meter, StringComparison.Ordinal)
                && string.Equals(i.Name, name, StringComparison.Ordinal));
        }
    }

    /// <summary>The points of one instrument taken at or after <paramref name="sinceUnixNano"/>, oldest first.</summary>
    public IReadOnlyList<StoredMetricPoint> GetPoints(MetricInstrument instrument, ulong sinceUnixNano) =>
        _points.Snapshot()
            .Select(p => p.Item)
            .Where(p => p.TimeUnixNano >= sinceUnixNano
                && string.Equals(p.Series.Instrument.Service, instrument.Service, StringComparison.OrdinalIgnoreCase)
                && p.Series.Instrument.Meter == instrument.Meter
                && p.Series.Instrument.Name == instrument.Name)
            .ToList();

    private MetricSeries? SeriesFor(InstrumentEntry entry, MetricDataPoint point)
    {
        var key = (point.InstanceId, MetricSeries.Describe(point.Attributes));
        if (entry.Series.TryGetValue(key, out var series))
        {
            series.Instrument = entry.Instrument;
            return series;
        }

        if (_seriesCount >= maxSeries)
        {
            return null;
        }

        _seriesCount++;
        return entry.Series[key] = new MetricSeries(entry.Instrument, point.InstanceId, point.Attributes);
    }

    private sealed class InstrumentEntry(MetricInstrument instrument)
    {
        public MetricInstrument Instrument { get; set; } = instrument;

        public Dictionary<(string InstanceId, string Label), MetricSeries> Series { get; } = [];
    }
}
