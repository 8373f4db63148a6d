using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mart.Hosting.Dashboard;

/// <summary>The AppHost's own HTTP endpoint: the resource API now, the dashboard's home.</summary>
internal sealed class DashboardHost(
    string url, ResourceNotificationService notifications, ResourceCommandService commands, ConsoleLogStore consoleLogs) : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Uri { get; private set; } = new(url.Replace(":0", "", StringComparison.Ordinal));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.WriteIndented = true);
        builder.Services.AddSingleton(notifications);
        builder.Services.AddSingleton(commands);
        builder.Services.AddSingleton(consoleLogs);

        var app = builder.Build();
        app.MapResourceApi();
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
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Uri = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }
}
