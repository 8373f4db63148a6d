using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.Tests.Infrastructure;
using StackExchange.Redis;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>An AppHost whose model is one Redis server: the Events page's data source, started for real.</summary>
public sealed class RedisModelFixture : IAsyncLifetime
{
    private DistributedApplication? _app;
    private ConnectionMultiplexer? connection;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public IDatabase Redis => connection!.GetDatabase();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        var options = ConfigurationOptions.Parse((await _app.GetConnectionStringAsync("redis"))!);
        options.ClientName = "mart-tests";
        connection = await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
