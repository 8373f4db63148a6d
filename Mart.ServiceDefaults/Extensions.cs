using Mart.ServiceDefaults.Errors;
using Mart.ServiceDefaults.Health;
using Mart.ServiceDefaults.OpenApi;
using Mart.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// Same namespace as Aspire's ServiceDefaults template, so services call these without a using directive.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults (telemetry, health checks, service discovery, resilience) plus Mart's own building
/// blocks: ProblemDetails for every error and the OpenAPI document.
/// </summary>
public static class Extensions
{
    /// <summary>Registers the service defaults on a host builder.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        // Logic reads the clock through TimeProvider, so tests can move it.
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Sending a POST or PATCH again after a lost answer could apply it twice; callers retry those themselves.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());

        // StackExchange.Redis logs every connect and reconnect as a dozen lines at Information, and Polly every
        // successful HTTP attempt (the OTLP exporter's included, once a second); their warnings and errors stay.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        // A service's background work (stream consumers, the outbox relay, listeners) stops side by side: one after
        // another, their waits add up past the few seconds an orchestrator gives a process to exit.
        builder.Services.Configure<HostOptions>(options => options.ServicesStopConcurrently = true);

        builder.AddErrorHandling();
        builder.AddOpenApiDefaults();
        return builder;
    }

    /// <summary>
    /// Logs, traces and metrics through OpenTelemetry: ASP.NET Core, HttpClient and the runtime;
    /// Npgsql and Redis add theirs through their client integrations, Mart.Messaging its meter and activity source.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var configuration = builder.Configuration;
        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => TelemetryResource.AddServiceNameFallback(resource, configuration, applicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(applicationName)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // The AppHost polls the probes every second; their spans (and their children's) would bury real traffic.
                    aspNetCore.Filter = context => !HealthEndpoints.IsProbePath(context.Request.Path))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    /// <summary>
    /// Health checks: "self" for liveness; client integrations add their readiness checks, Redis's reporting Degraded
    /// rather than Unhealthy (the services serve without it).
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);
        builder.Services.AddRedisHealthAsDegraded();
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/alive</c>, <c>/openapi/v1.json</c> and, in Development, the API UI.</summary>
    /// <remarks>
    /// Unlike the template, the probes are mapped in every environment: the AppHost and the tests wait on them, and
    /// they answer only statuses (no exception details).
    /// </remarks>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Readiness: every check must pass before the service takes traffic.
        app.MapHealthChecks(HealthEndpoints.HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
            .ExcludeFromDescription();

        // Liveness: only the checks tagged "live".
        app.MapHealthChecks(HealthEndpoints.AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).ExcludeFromDescription();

        app.MapOpenApiDefaults();
        return app;
    }

    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL (grpc or http/protobuf) and headers itself.
    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Telemetry must never hold a process up: an export (retries included) that a collector does not answer
            // within this is dropped, so a stopping service flushes what it can and exits in time. 10 s otherwise.
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TIMEOUT"]))
            {
                builder.Configuration.AddInMemoryCollection([new("OTEL_EXPORTER_OTLP_TIMEOUT", "2000")]);
            }

            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
