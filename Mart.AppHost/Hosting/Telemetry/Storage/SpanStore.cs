namespace Mart.Hosting.Telemetry.Storage;

/// <summary>A trace as listed: what it did, how long it took, which services took part.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string RootService,
    string RootName,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    int ErrorCount,
    IReadOnlyList<string> Services);

/// <summary>The newest spans (bounded), grouped into traces when asked.</summary>
internal sealed class SpanStore(int capacity)
{
    private readonly RingBuffer<SpanData> _spans = new(capacity);

    public long Dropped => _spans.Dropped;

    public void Add(IEnumerable<SpanData> spans) => _spans.AddRange(spans);

    public IEnumerable<string> Services() => _spans.Snapshot().Select(s => s.Item.Source.ServiceName).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Traces, newest first, that involve <paramref name="service"/> and match <paramref name="search"/> (a trace id prefix or part of a span name).</summary>
    public IReadOnlyList<TraceSummary> ListTraces(string? service, string? search, int limit)
    {
        var traces = new Dictionary<string, List<SpanData>>(StringComparer.Ordinal);
        foreach (var (_, span) in _spans.Snapshot())
        {
            if (!traces.TryGetValue(span.TraceId, out var spans))
            {
                traces[span.TraceId] = spans = [];
            }

            spans.Add(span);
        }

        return traces.Values
            .Where(spans => string.IsNullOrEmpty(service) || spans.Exists(s => string.Equals(s.Source.ServiceName, service, StringComparison.OrdinalIgnoreCase)))
            .Where(spans => string.IsNullOrEmpty(search)
                || spans[0].TraceId.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                || spans.Exists(s => s.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .Select(Summarize)
            .OrderByDescending(t => t.Start)
            .Take(limit)
            .ToList();
    }

    /// <summary>Every span held for one trace, in no particular order.</summary>
    public IReadOnlyList<SpanData> GetTrace(string traceId) =>
        _spans.Snapshot().Select(s => s.Item).Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase)).ToList();

    private static TraceSummary Summarize(List<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);

        // The root is the earliest span without a parent here; a trace whose root has not arrived (or was dropped) still lists.
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.StartUnixNano) ?? spans[0];
        var start = spans.Min(s => s.StartUnixNano);
        var end = spans.Max(s => Math.Max(s.EndUnixNano, s.StartUnixNano));
        return new TraceSummary(
            root.TraceId,
            root.Source.ServiceName,
            root.Name,
            UnixNano.ToDateTimeOffset(start),
            UnixNano.ToTimeSpan(end - start),
            spans.Count,
            spans.Count(s => s.Status == SpanStatusCode.Error),
            spans.Select(s => s.Source.ServiceName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList());
    }
}
