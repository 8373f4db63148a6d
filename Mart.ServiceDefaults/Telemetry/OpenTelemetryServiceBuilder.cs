using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// The SDK's <c>WithTracing</c>/<c>WithMetrics</c>/<c>UseOtlpExporter</c> hang off <see cref="IOpenTelemetryBuilder"/>;
/// OpenTelemetry.Extensions.Hosting (which normally supplies one) is not available, so this is that handle.
/// Providers built this way live in the host's container: they read the host's configuration (OTEL_* keys)
/// and honour <c>ConfigureOpenTelemetryTracerProvider</c> and friends.
/// </summary>
internal sealed class OpenTelemetryServiceBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;
}
