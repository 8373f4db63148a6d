using Mart.Hosting.Telemetry;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// One trace laid out as a waterfall: spans in tree order (children after their parent, by start time) with their
/// depth and their offset from the trace's start. A span whose parent is missing (not sent yet, or dropped) is
/// shown as a root, so a partial trace still reads.
/// </summary>
internal sealed record TraceView(string TraceId, DateTimeOffset Start, double DurationMs, IReadOnlyList<string> Services, IReadOnlyList<SpanView> Spans)
{
    public static TraceView From(IReadOnlyList<SpanData> spans)
    {
        var start = spans.Min(s => s.StartUnixNano);
        var end = spans.Max(s => Math.Max(s.StartUnixNano, s.EndUnixNano));
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans
            .Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartUnixNano).ToList(), StringComparer.Ordinal);
        var roots = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartUnixNano);

        var ordered = new List<SpanView>(spans.Count);
        var visited = new HashSet<SpanData>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(SpanData Span, int Depth)>(roots.Reverse().Select(s => (s, 0)));
        while (pending.TryPop(out var next))
        {
            if (!visited.Add(next.Span))
            {
                continue;
            }

            ordered.Add(SpanView.From(next.Span, next.Depth, start));
            if (children.TryGetValue(next.Span.SpanId, out var below))
            {
                for (var i = below.Count - 1; i >= 0; i--)
                {
                    pending.Push((below[i], next.Depth + 1));
                }
            }
        }

        // Spans whose parents form a cycle (malformed input) are unreachable from any root; they are still shown.
        ordered.AddRange(spans.Where(s => !visited.Contains(s)).Select(s => SpanView.From(s, 0, start)));

        return new TraceView(
            spans[0].TraceId,
            UnixNano.ToDateTimeOffset(start),
            UnixNano.ToTimeSpan(end - start).TotalMilliseconds,
            spans.Select(s => s.Source.ServiceName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList(),
            ordered);
    }
}

internal sealed record SpanView(
    string SpanId,
    string? ParentSpanId,
    int Depth,
    string Service,
    string Instance,
    string Scope,
    string Name,
    string Kind,
    double OffsetMs,
    double DurationMs,
    string Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEventView> Events,
    IReadOnlyList<SpanLink> Links)
{
    public static SpanView From(SpanData span, int depth, ulong traceStart) => new(
        span.SpanId,
        span.ParentSpanId,
        depth,
        span.Source.ServiceName,
        span.Source.InstanceId,
        span.Scope,
        span.Name,
        span.Kind.ToString(),
        UnixNano.ToTimeSpan(span.StartUnixNano - traceStart).TotalMilliseconds,
        span.Duration.TotalMilliseconds,
        span.Status.ToString(),
        span.StatusMessage,
        span.Attributes,
        span.Events.Select(e => new SpanEventView(e.Name, (e.Timestamp - span.Start).TotalMilliseconds, e.Attributes)).ToList(),
        span.Links);
}

internal sealed record SpanEventView(string Name, double OffsetMs, IReadOnlyList<TelemetryAttribute> Attributes);
