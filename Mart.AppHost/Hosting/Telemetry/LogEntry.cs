namespace Mart.Hosting.Telemetry;

/// <summary>
/// One received log record. <see cref="Scope"/> is the logger category (the .NET exporter sends it as the
/// instrumentation scope); <see cref="Message"/> is the formatted body.
/// </summary>
internal sealed record LogEntry(
    TelemetrySource Source,
    string Scope,
    DateTimeOffset Timestamp,
    int SeverityNumber,
    string Message,
    string? EventName,
    IReadOnlyList<TelemetryAttribute> Attributes,
    string? TraceId,
    string? SpanId)
{
    /// <summary>The .NET log level matching the OTLP severity number (ranges of four: TRACE 1-4 ... FATAL 21-24).</summary>
    public string Level => SeverityNumber switch
    {
        <= 0 => "Unspecified",
        <= 4 => "Trace",
        <= 8 => "Debug",
        <= 12 => "Information",
        <= 16 => "Warning",
        <= 20 => "Error",
        _ => "Critical",
    };
}
