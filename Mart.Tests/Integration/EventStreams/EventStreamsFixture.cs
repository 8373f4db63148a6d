using StackExchange.Redis;

namespace Mart.Tests.Integration.EventStreams;

/// <summary>
/// Mart.AppHost's model with only Redis and the stream resources (random ports, throw-away state), read twice a
/// second, with a short lag-growth window; and a connection of the test's own to write entries with.
/// </summary>
public sealed class EventStreamsFixture : IAsyncLifetime
{
    public static readonly TimeSpan LagGrowthWindow = TimeSpan.FromSeconds(2);

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public IDatabase Database => Redis.GetDatabase();

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync(
            null, "--AppHost:EventStreams:PollInterval=00:00:00.5", $"--AppHost:EventStreams:LagGrowthWindow={LagGrowthWindow}");
        MartTestApp.Remove(builder, "products", "orders", "payments", "market", "finnhub-api-key", "postgres", "productsdb", "ordersdb", "paymentsdb", "marketdb",
            "identity", "identitydb", "identity-admin-password", "products-identity-secret");
        _app = await MartTestApp.StartAsync(builder, state);
        Redis = await ConnectionMultiplexer.ConnectAsync((await App.GetConnectionStringAsync("redis"))!);
    }

    /// <summary>Waits until the resource's snapshot satisfies <paramref name="predicate"/>; fails with the last snapshot.</summary>
    public async Task<CustomResourceSnapshot> WaitForSnapshotAsync(string resource, Func<CustomResourceSnapshot, bool> predicate, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            var update = await App.ResourceNotifications.WaitForResourceAsync(resource, e => predicate(e.Snapshot), cancellation.Token);
            return update.Snapshot;
        }
        catch (OperationCanceledException)
        {
            var last = App.ResourceNotifications.GetSnapshot(resource);
            throw new TimeoutException(
                $"{resource}: {last.State?.Text} {last.HealthStatus} " +
                string.Join(", ", last.Properties.Select(p => $"{p.Name}={Text(p.Value)}")) + " | " +
                string.Join(", ", last.HealthReports.Select(r => $"{r.Name}={r.Status} {r.Description}")));
        }
    }

    public static string? Text(object? value) => value switch
    {
        string text => text,
        IEnumerable<string> list => string.Join("; ", list),
        _ => value?.ToString(),
    };

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

[CollectionDefinition("event-streams")]
public sealed class EventStreamsCollection : ICollectionFixture<EventStreamsFixture>;
