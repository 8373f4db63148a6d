using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mart.Messaging;

/// <summary>Names of Mart's messaging telemetry, and their subscription to the service's OpenTelemetry.</summary>
public static class MessagingDiagnostics
{
    /// <summary>ActivitySource of producer ("create"), relay ("send") and consumer ("process") spans.</summary>
    public const string ActivitySourceName = "Mart.Messaging";

    /// <summary>Meter with the published/consumed/retried/dead-lettered counters and the backlog/lag gauges.</summary>
    public const string MeterName = "Mart.Messaging";

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary>Exports the messaging spans and metrics with the rest of the service's telemetry.</summary>
    public static IServiceCollection AddMessagingTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(MeterName))
            .WithTracing(tracing => tracing.AddSource(ActivitySourceName));
        return services;
    }
}
