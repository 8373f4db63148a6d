namespace Mart.Hosting.Telemetry;

/// <summary>OTLP span kinds (trace.proto <c>Span.SpanKind</c>).</summary>
internal enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>OTLP status codes (trace.proto <c>Status.StatusCode</c>).</summary>
internal enum SpanStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}

/// <summary>A time-stamped annotation of a span (an exception, a retry...).</summary>
internal sealed record SpanEvent(DateTimeOffset Timestamp, string Name, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>A pointer to a span of this or another trace, e.g. from a relay batch to the events it sends.</summary>
internal sealed record SpanLink(string TraceId, string SpanId);

/// <summary>One received span. Ids are lower-case hex; times are unix nanoseconds as sent.</summary>
internal sealed record SpanData(
    TelemetrySource Source,
    string Scope,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    ulong StartUnixNano,
    ulong EndUnixNano,
    SpanStatusCode Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events,
    IReadOnlyList<SpanLink> Links)
{
    public DateTimeOffset Start => UnixNano.ToDateTimeOffset(StartUnixNano);

    public TimeSpan Duration => EndUnixNano > StartUnixNano ? UnixNano.ToTimeSpan(EndUnixNano - StartUnixNano) : TimeSpan.Zero;
}
