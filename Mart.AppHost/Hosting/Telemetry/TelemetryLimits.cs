using Microsoft.Extensions.Configuration;

namespace Mart.Hosting.Telemetry;

/// <summary>
/// How much telemetry the dashboard keeps in memory; the oldest is dropped first. Configured with
/// <c>Dashboard:MaxSpans</c>, <c>Dashboard:MaxLogs</c>, <c>Dashboard:MaxMetricPoints</c> and <c>Dashboard:MaxMetricSeries</c>.
/// </summary>
internal sealed record TelemetryLimits(int MaxSpans, int MaxLogs, int MaxMetricPoints, int MaxMetricSeries)
{
    public static TelemetryLimits Default { get; } = new(20_000, 20_000, 200_000, 5_000);

    public static TelemetryLimits From(IConfiguration configuration) => new(
        Read(configuration, "Dashboard:MaxSpans", Default.MaxSpans),
        Read(configuration, "Dashboard:MaxLogs", Default.MaxLogs),
        Read(configuration, "Dashboard:MaxMetricPoints", Default.MaxMetricPoints),
        Read(configuration, "Dashboard:MaxMetricSeries", Default.MaxMetricSeries));

    private static int Read(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration.GetValue<int?>(key) ?? fallback;
        return value >= 1
            ? value
            : throw new DistributedApplicationException($"{key} must be at least 1 (it is {value}).");
    }
}
