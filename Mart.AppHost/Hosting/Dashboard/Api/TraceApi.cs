using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Api;

/// <summary><c>GET /api/traces?service=&amp;search=&amp;limit=</c> (newest first) and <c>GET /api/traces/{traceId}</c> (the waterfall).</summary>
internal static class TraceApi
{
    public static void MapTraceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/traces", (string? service, string? search, int? limit, TelemetryStore telemetry) =>
            TypedResults.Ok(telemetry.Spans.ListTraces(service, search?.Trim(), Math.Clamp(limit ?? 100, 1, 1000)).Select(TraceSummaryView.From)));
        endpoints.MapGet("/api/traces/{traceId}", Results<Ok<TraceView>, NotFound> (string traceId, TelemetryStore telemetry) =>
            telemetry.Spans.GetTrace(traceId) is { Count: > 0 } spans ? TypedResults.Ok(TraceView.From(spans)) : TypedResults.NotFound());
    }

    internal sealed record TraceSummaryView(
        string TraceId, string Service, string Name, DateTimeOffset Start, double DurationMs, int SpanCount, int ErrorCount, IReadOnlyList<string> Services)
    {
        public static TraceSummaryView From(TraceSummary t) =>
            new(t.TraceId, t.RootService, t.RootName, t.Start, t.Duration.TotalMilliseconds, t.SpanCount, t.ErrorCount, t.Services);
    }
}
