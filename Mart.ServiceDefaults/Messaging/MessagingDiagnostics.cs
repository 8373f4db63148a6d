using System.Diagnostics;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>Names of Mart's messaging telemetry, for <c>AddSource</c>/<c>AddMeter</c> and for tests that listen.</summary>
public static class MessagingDiagnostics
{
    /// <summary>ActivitySource of producer ("create"), relay ("send") and consumer ("process") spans.</summary>
    public const string ActivitySourceName = "Mart.Messaging";

    /// <summary>Meter with the published/consumed/retried/dead-lettered counters and the backlog/lag gauges.</summary>
    public const string MeterName = "Mart.Messaging";

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
}
