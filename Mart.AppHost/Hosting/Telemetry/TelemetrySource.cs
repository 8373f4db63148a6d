namespace Mart.Hosting.Telemetry;

/// <summary>
/// The OTLP resource that sent a batch: the service (<c>service.name</c>, which the AppHost sets to the resource
/// name) and its instance (<c>service.instance.id</c>, one per replica).
/// </summary>
internal sealed record TelemetrySource(string ServiceName, string InstanceId, IReadOnlyList<TelemetryAttribute> Attributes)
{
    public static TelemetrySource Unknown { get; } = new("unknown_service", "", []);
}
