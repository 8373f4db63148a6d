using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mart.Tests.Unit.Defaults;

/// <summary>A web app on the service defaults, listening on a real socket at 127.0.0.1 with a free port.</summary>
internal sealed class DefaultsTestApp : IAsyncDisposable
{
    private DefaultsTestApp(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public static async Task<DefaultsTestApp> StartAsync(
        Action<WebApplication> mapEndpoints,
        Action<WebApplicationBuilder>? configure = null,
        string environment = "Production",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(DefaultsTestApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        mapEndpoints(app);
        await app.StartAsync();
        return new DefaultsTestApp(app);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
