using Npgsql;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL and Redis for the whole test run: Mart.AppHost's model under Aspire's test host with the
/// services taken out (random ports, throw-away state). Tests that need a server get a real one; when it cannot
/// start they fail.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private MartTestApp? _app;

    public string PostgresConnectionString { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The servers have not started.");

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "products", "orders", "payments", "market", "finnhub-api-key", "productsdb", "ordersdb", "paymentsdb", "marketdb",
            "identity", "identitydb", "identity-admin-password", "products-identity-secret");
        _app = await MartTestApp.StartAsync(builder, state);
        PostgresConnectionString = (await App.GetConnectionStringAsync("postgres"))!;
        RedisConnectionString = (await App.GetConnectionStringAsync("redis"))!;
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

    public async Task StopRedisAsync()
    {
        await App.ResourceCommands.StopResourceAsync("redis");
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceNotifications.WaitForResourceAsync("redis", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
    }

    public async Task StartRedisAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceCommands.StartResourceAsync("redis", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("redis", WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
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
