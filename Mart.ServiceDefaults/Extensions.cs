using Mart.ServiceDefaults.Errors;
using Mart.ServiceDefaults.Health;
using Mart.ServiceDefaults.OpenApi;
using Mart.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Same namespace as Aspire's ServiceDefaults template, so services call these without a using directive.
namespace Microsoft.Extensions.Hosting;

/// <summary>Cross-cutting defaults every Mart service starts with (telemetry, health, discovery, resilience, errors, OpenAPI).</summary>
public static class Extensions
{
    /// <summary>Registers Mart's service defaults on a host builder.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.AddStandardResilience();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience wraps discovery, so every retry resolves the logical name again.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.AddErrorHandling();
        builder.AddOpenApiDefaults();
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/alive</c>, <c>/openapi/v1.json</c> and, in Development, the Swagger UI.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthEndpoints();
        app.MapOpenApiDefaults();
        return app;
    }
}
