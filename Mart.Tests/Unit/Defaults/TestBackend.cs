using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Mart.Tests.Unit.Defaults;

/// <summary>A bare Kestrel app (no service defaults) on 127.0.0.1 with a free port, for clients under test to call.</summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestBackend(WebApplication app) => this.app = app;

    public Uri BaseAddress => new(app.Urls.First());

    public static async Task<TestBackend> StartAsync(Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        mapEndpoints(app);
        await app.StartAsync();
        return new TestBackend(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
