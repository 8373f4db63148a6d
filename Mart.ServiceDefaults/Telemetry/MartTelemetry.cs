namespace Mart.ServiceDefaults.Telemetry;

/// <summary>Names of Mart's own telemetry sources; the service defaults subscribe to them.</summary>
public static class MartTelemetry
{
    /// <summary>ActivitySource name for publishing and consuming events.</summary>
    public const string MessagingActivitySourceName = "Mart.Messaging";

    /// <summary>Meter name for publishing and consuming events.</summary>
    public const string MessagingMeterName = "Mart.Messaging";
}
