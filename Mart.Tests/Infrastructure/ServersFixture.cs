using Mart.Hosting;
using Mart.Hosting.Testing;
using Npgsql;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL and Redis for the whole test run, started by the AppHost engine's testing entry point
/// (random ports, throw-away state). Tests that need a server get a real one; when it cannot start they fail.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public string PostgresConnectionString { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The servers have not started.");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres");
        builder.AddRedis("redis");
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        PostgresConnectionString = (await _app.GetConnectionStringAsync("postgres"))!;
        RedisConnectionString = (await _app.GetConnectionStringAsync("redis"))!;
    }

    /// <summary>A new, empty database for one test; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public Task StopRedisAsync() => App.ResourceCommands.StopResourceAsync("redis");

    public async Task StartRedisAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceCommands.StartResourceAsync("redis", timeout.Token);
    }

    public async Task RestartRedisAsync()
    {
        await StopRedisAsync();
        await StartRedisAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition("servers")]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>;
