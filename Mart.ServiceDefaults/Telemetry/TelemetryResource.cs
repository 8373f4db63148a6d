using Microsoft.Extensions.Configuration;
using OpenTelemetry.Resources;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// The SDK already reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the AppHost sets both). When a service
/// runs on its own neither is set, and "unknown_service" would be useless, so the application name fills in.
/// </summary>
internal static class TelemetryResource
{
    public static void AddServiceNameFallback(ResourceBuilder resource, IConfiguration configuration, string applicationName)
    {
        var namedByEnvironment = !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])
            || (configuration["OTEL_RESOURCE_ATTRIBUTES"]?.Contains("service.name=", StringComparison.Ordinal) ?? false);
        if (!namedByEnvironment)
        {
            // No generated instance id: it would override one given in OTEL_RESOURCE_ATTRIBUTES.
            resource.AddService(applicationName, autoGenerateServiceInstanceId: false);
        }
    }
}
