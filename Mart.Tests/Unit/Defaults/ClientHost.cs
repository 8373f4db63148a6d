using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mart.Tests.Unit.Defaults;

/// <summary>A started host with the service defaults, as a calling service has them: its HttpClients are under test.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClientHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static async Task<ClientHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host);
    }

    public HttpClient CreateClient(string name = "") => Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
