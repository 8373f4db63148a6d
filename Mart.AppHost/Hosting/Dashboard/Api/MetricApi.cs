using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// <c>GET /api/metrics/instruments?service=</c> and
/// <c>GET /api/metrics/chart?service=&amp;meter=&amp;name=&amp;minutes=</c> (the chosen instrument over the last minutes).
/// </summary>
internal static class MetricApi
{
    public static void MapMetricApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/metrics/instruments", (string? service, TelemetryStore telemetry) =>
            TypedResults.Ok(telemetry.Metrics.GetInstruments(service)));
        endpoints.MapGet("/api/metrics/chart", Results<Ok<MetricChart>, NotFound> (
            string service, string meter, string name, int? minutes, TelemetryStore telemetry, TimeProvider timeProvider) =>
        {
            if (telemetry.Metrics.FindInstrument(service, meter, name) is not { } instrument)
            {
                return TypedResults.NotFound();
            }

            var since = timeProvider.GetUtcNow() - TimeSpan.FromMinutes(Math.Clamp(minutes ?? 5, 1, 240));
            var points = telemetry.Metrics.GetPoints(instrument, UnixNano.FromDateTimeOffset(since));
            return TypedResults.Ok(MetricChart.Build(instrument, points));
        });
    }
}
