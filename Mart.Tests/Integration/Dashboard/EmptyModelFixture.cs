using Mart.Hosting;
using Mart.Hosting.Testing;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>An AppHost with nothing in its model: its endpoint alone, i.e. the dashboard and the OTLP receiver.</summary>
public sealed class EmptyModelFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public async Task InitializeAsync()
    {
        _app = await StartAsync();
    }

    /// <summary>Starts an empty model with the given configuration (e.g. <c>--Dashboard:MaxSpans=5</c>); the caller disposes it.</summary>
    public static async Task<DistributedApplication> StartAsync(params string[] args)
    {
        var builder = DistributedApplicationTestingBuilder.Create(args);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
