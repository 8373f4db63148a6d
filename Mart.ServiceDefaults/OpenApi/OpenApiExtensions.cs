using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mart.ServiceDefaults.OpenApi;

/// <summary>OpenAPI document at <c>/openapi/v1.json</c> and, in Development, a Swagger UI at <c>/swagger</c>.</summary>
public static class OpenApiExtensions
{
    /// <summary>The document's path.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    public const string DocumentName = "v1";

    /// <summary>The public client the API UI signs in with (authorization code with PKCE).</summary>
    public const string UiClientId = "mart-cli";

    /// <summary>Registers the "v1" OpenAPI document.</summary>
    public static TBuilder AddOpenApiDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OpenApiTagOptions>();
        builder.Services.AddOpenApi(DocumentName, options => options
            .AddDocumentTransformer(OpenApiDocumentCleanup.TransformAsync)
            .AddOperationTransformer(OpenApiSecurity.TransformOperationAsync));
        return builder;
    }

    /// <summary>Describes the tag <paramref name="name"/> (an API area, e.g. "Orders") in the OpenAPI document.</summary>
    public static IServiceCollection AddOpenApiTag(this IServiceCollection services, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        services.Configure<OpenApiTagOptions>(options => options.Descriptions[name] = description);
        return services;
    }

    /// <summary>Serves the document in every environment (the AppHost's tooling and the tests read it); the UI only in
    /// Development.</summary>
    public static WebApplication MapOpenApiDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "swagger";
                options.DocumentTitle = app.Environment.ApplicationName;
                options.SwaggerEndpoint(DocumentPath, app.Environment.ApplicationName);
                options.OAuthClientId(UiClientId);
                options.OAuthUsePkce();
            });
        }

        return app;
    }
}
