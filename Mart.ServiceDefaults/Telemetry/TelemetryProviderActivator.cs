using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// Providers are container singletons, created on first resolve. Nothing else resolves them, and ASP.NET Core only
/// starts request activities once a listener exists, so they are created here before the server starts.
/// The container disposes them at shutdown, which flushes what is still buffered.
/// </summary>
internal sealed class TelemetryProviderActivator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
