using System.Diagnostics;

namespace Mart.Messaging;

/// <summary>Names of Mart's messaging telemetry (the service defaults export every Mart.* meter and source).</summary>
public static class MessagingDiagnostics
{
    /// <summary>ActivitySource of producer ("create"), relay ("send") and consumer ("process") spans.</summary>
    public const string ActivitySourceName = "Mart.Messaging";

    /// <summary>Meter with the published/consumed/retried/dead-lettered counters and the backlog/lag gauges.</summary>
    public const string MeterName = "Mart.Messaging";

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
}
