using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>Traces, metrics and logs through the OpenTelemetry SDK, exported over OTLP when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    private const string AspNetCoreTelemetrySwitch = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    /// <summary>
    /// Subscribes to the framework's, Npgsql's and Mart's sources and meters, sends logs through OpenTelemetry, and adds
    /// the OTLP exporter (http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says grpc) only if OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // ASP.NET Core 10 leaves its request activity without the HTTP semantic-convention tags (url.path, http.route,
        // status code...) unless this switch is off; the instrumentation package that used to add them is unavailable,
        // and ASP.NET Core 11 turns them on by default. An explicit runtimeconfig setting still wins.
        if (!AppContext.TryGetSwitch(AspNetCoreTelemetrySwitch, out _))
        {
            AppContext.SetSwitch(AspNetCoreTelemetrySwitch, false);
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var configuration = builder.Configuration;
        var applicationName = builder.Environment.ApplicationName;
        var telemetry = new OpenTelemetryServiceBuilder(builder.Services)
            .ConfigureResource(resource => TelemetryResource.AddServiceNameFallback(resource, configuration, applicationName))
            .WithMetrics(metrics => metrics.AddMeter(TelemetrySources.Meters))
            .WithTracing(tracing => tracing
                .AddSource(TelemetrySources.ActivitySources)
                .SetSampler(new HealthProbeSampler(new ParentBasedSampler(new AlwaysOnSampler()))));

        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            // The base-URL overload appends /v1/traces, /v1/logs and /v1/metrics for http/protobuf.
            telemetry.UseOtlpExporter(ExportProtocol(configuration), new Uri(endpoint, UriKind.Absolute));
        }

        builder.Services.AddHostedService<TelemetryProviderActivator>();

        // Registered before any other startup filter, so it wraps them all.
        builder.Services.AddTransient<IStartupFilter, RequestActivityEnricher>();
        return builder;
    }

    // The .NET exporter defaults to gRPC; Mart's dashboard (like Aspire's HTTP endpoint) speaks http/protobuf.
    private static OtlpExportProtocol ExportProtocol(IConfiguration configuration) =>
        string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc
            : OtlpExportProtocol.HttpProtobuf;
}
