using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// <c>GET /api/logs?service=&amp;level=&amp;search=&amp;traceId=&amp;after=&amp;limit=</c>: structured logs, newest first.
/// <c>after</c> (the <c>lastSequence</c> of the previous answer) returns only what arrived since, for live pages.
/// </summary>
internal static class StructuredLogApi
{
    public static void MapStructuredLogApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/logs", (string? service, string? level, string? search, string? traceId, long? after, int? limit, TelemetryStore telemetry) =>
        {
            var query = new LogQuery(service, MinimumSeverity(level), search, traceId, after ?? 0, Math.Clamp(limit ?? 200, 1, 2000));
            var (logs, lastSequence) = telemetry.Logs.Query(query);
            return TypedResults.Ok(new LogPage(lastSequence, telemetry.Logs.Dropped, logs.Select(LogView.From).ToList()));
        });

    /// <summary>The lowest OTLP severity number of a .NET level name (each level spans four numbers).</summary>
    private static int MinimumSeverity(string? level) => level?.ToLowerInvariant() switch
    {
        "trace" => 1,
        "debug" => 5,
        "information" or "info" => 9,
        "warning" or "warn" => 13,
        "error" => 17,
        "critical" or "fatal" => 21,
        _ => 0,
    };

    internal sealed record LogPage(long LastSequence, long Dropped, IReadOnlyList<LogView> Logs);

    internal sealed record LogView(
        long Sequence, DateTimeOffset Timestamp, string Service, string Instance, string Level, int Severity, string Category,
        string Message, string? EventName, IReadOnlyList<TelemetryAttribute> Attributes, string? TraceId, string? SpanId)
    {
        public static LogView From(Sequenced<LogEntry> stored)
        {
            var log = stored.Item;
            return new LogView(
                stored.Sequence, log.Timestamp, log.Source.ServiceName, log.Source.InstanceId, log.Level, log.SeverityNumber, log.Scope,
                log.Message, log.EventName, log.Attributes.Where(a => a.Key != "{OriginalFormat}").ToList(), log.TraceId, log.SpanId);
        }
    }
}
