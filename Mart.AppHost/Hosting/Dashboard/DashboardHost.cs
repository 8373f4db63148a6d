using System.Text.Json.Serialization;
using Mart.Hosting.Dashboard.Access;
using Mart.Hosting.Dashboard.Api;
using Mart.Hosting.Dashboard.Assets;
using Mart.Hosting.Dashboard.Events;
using Mart.Hosting.Dashboard.Resources;
using Mart.Hosting.Orchestration;
using Mart.Hosting.Telemetry;
using Mart.Hosting.Telemetry.Otlp;
using Mart.Hosting.Telemetry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mart.Hosting.Dashboard;

/// <summary>
/// The AppHost's own HTTP endpoint: the dashboard's pages and JSON APIs, the resource commands, and the OTLP
/// receiver every service exports to.
/// </summary>
internal sealed class DashboardHost(
    string url,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ConsoleLogStore consoleLogs,
    IConfiguration configuration,
    IReadOnlyList<IResource> model,
    RunContext context) : IAsyncDisposable
{
    private readonly EventStreamConnection _events = new(model, notifications);
    private WebApplication? _app;

    public Uri Uri { get; private set; } = DisplayUri(url);

    /// <summary>What the services sent over OTLP.</summary>
    public TelemetryStore Telemetry { get; } = new(TelemetryLimits.From(configuration));

    public BrowserTokenAccess Access { get; } = BrowserTokenAccess.For(url, configuration);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.WriteIndented = true;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Services.AddSingleton(notifications);
        builder.Services.AddSingleton(commands);
        builder.Services.AddSingleton(consoleLogs);
        builder.Services.AddSingleton(context.TimeProvider);
        builder.Services.AddSingleton(Telemetry);
        builder.Services.AddSingleton(new ResourceEnvironment(model, context));
        builder.Services.AddSingleton(new EventStreamInspector(_events));

        var app = builder.Build();
        app.Use(SecurityHeaders.ApplyAsync);
        app.Use(Access.InvokeAsync);
        app.MapOtlpReceiver();
        app.MapResourceApi();
        app.MapLiveApi();
        app.MapStructuredLogApi();
        app.MapTraceApi();
        app.MapMetricApi();
        app.MapTelemetryServicesApi();
        app.MapEventApi();
        app.MapDashboardPages();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new DistributedApplicationException(
                $"The AppHost's endpoint {url} cannot listen ({ex.Message}). Free the port, or choose another with ASPNETCORE_URLS.", ex);
        }

        _app = app;
        Uri = DisplayUri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        if (Access.Token is { } token)
        {
            context.Console.Write($"Login to the dashboard at {Uri}login?{BrowserTokenAccess.QueryName}={token}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        await _events.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The address to show and to hand to services: wildcard and loopback binds are reached as localhost.</summary>
    private static Uri DisplayUri(string address)
    {
        var binding = BindingAddress.Parse(address);
        var host = binding.Host is "*" or "+" or "0.0.0.0" or "[::]" or "127.0.0.1" ? "localhost" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port == 0 ? -1 : binding.Port).Uri;
    }
}
