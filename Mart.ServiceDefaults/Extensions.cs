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

/// <summary>Aspire's service defaults plus Mart's: ProblemDetails for every error and the OpenAPI document.</summary>
public static class Extensions
{
    // Every meter and activity source of Mart's own libraries and services (Mart.Messaging, Mart.Products, ...).
    private const string MartTelemetry = "Mart.*";

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

        // StackExchange.Redis's connection chatter and Polly's every successful attempt would flood the logs.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        // Background services stop side by side: in turn, their waits would outlast an orchestrator's grace period.
        builder.Services.Configure<HostOptions>(options => options.ServicesStopConcurrently = true);

        builder.AddErrorHandling();
        builder.AddOpenApiDefaults();
        return builder;
    }

    /// <summary>Logs, traces and metrics; client integrations and Mart.Messaging add their own.</summary>
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
                .AddRuntimeInstrumentation()
                .AddMeter(MartTelemetry))
            .WithTracing(tracing => tracing
                .AddSource(applicationName)
                .AddSource(MartTelemetry)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // The AppHost polls the probes every second; their spans would bury real traffic.
                    aspNetCore.Filter = context => !HealthEndpoints.IsProbePath(context.Request.Path))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    /// <summary>"self" for liveness; Redis's check reports Degraded, as the services serve without it.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);
        builder.Services.AddRedisHealthAsDegraded();
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/alive</c>, <c>/openapi/v1.json</c> and, in Development, the API UI.</summary>
    /// <remarks>Mapped in every environment (the AppHost and tests wait on them); they answer statuses only.</remarks>
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

    // The exporter reads the OTEL_EXPORTER_OTLP_* endpoint, protocol and headers itself.
    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Telemetry must never hold up a process: an export no collector answers is dropped in time to exit.
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TIMEOUT"]))
            {
                builder.Configuration.AddInMemoryCollection([new("OTEL_EXPORTER_OTLP_TIMEOUT", "2000")]);
            }

            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
