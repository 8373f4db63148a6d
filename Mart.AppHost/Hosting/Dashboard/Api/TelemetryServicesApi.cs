using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Api;

/// <summary><c>GET /api/telemetry</c>: the services that sent telemetry (for filters) and what the caps dropped.</summary>
internal static class TelemetryServicesApi
{
    public static void MapTelemetryServicesApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/telemetry", (TelemetryStore telemetry) => TypedResults.Ok(new TelemetryStatus(
            telemetry.Services(),
            telemetry.Limits,
            new DroppedCounts(telemetry.Spans.Dropped, telemetry.Logs.Dropped, telemetry.Metrics.DroppedPoints))));

    internal sealed record TelemetryStatus(IReadOnlyList<string> Services, TelemetryLimits Limits, DroppedCounts Dropped);

    internal sealed record DroppedCounts(long Spans, long Logs, long MetricPoints);
}
