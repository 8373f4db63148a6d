using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>An AppHost whose model is one Redis server: the Events page's data source, started for real.</summary>
public sealed class RedisModelFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public RedisClient Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        var options = RedisConnectionString.Parse((await _app.GetConnectionStringAsync("redis"))!);
        options.ClientName = "mart-tests";
        Redis = new RedisClient(options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
