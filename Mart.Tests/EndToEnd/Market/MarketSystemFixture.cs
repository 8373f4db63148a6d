using Mart.Tests.EndToEnd.Market.FakeFinnhub;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Mart.Tests.EndToEnd.Market;

/// <summary>
/// PostgreSQL, Redis and three Market processes, started once for the market tests:
/// <c>market</c> calls a fake Finnhub with roomy limits and 2 s quote and crypto TTLs (most tests);
/// <c>market-limited</c> calls a second fake under a tight call budget (3/s, 8/min, at most 6 s of queueing);
/// <c>market-sim</c> has no API key, so it serves simulated data, with tiny TTLs so every read recomputes.
/// They share the database and Redis, as replicas would, with separate cache key prefixes.
/// </summary>
public sealed class MarketSystemFixture : IAsyncLifetime
{
    public const string WatchedSymbol = "WATCHA";

    private MartTestApp? _host;
    private DistributedApplication? _app;

    internal FakeFinnhubServer Finnhub { get; private set; } = null!;

    internal FakeFinnhubServer LimitedFinnhub { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The market system has not started.");

    public async Task InitializeAsync()
    {
        Finnhub = await FakeFinnhubServer.StartAsync();
        LimitedFinnhub = await FakeFinnhubServer.StartAsync();

        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "products", "orders", "payments", "productsdb", "ordersdb", "paymentsdb",
            "identity", "identitydb", "identity-admin-password", "products-identity-secret");
        var marketDb = builder.CreateResourceBuilder((IResourceWithConnectionString)builder.Resources.Single(r => r.Name == "marketdb"));
        var redis = builder.CreateResourceBuilder((IResourceWithConnectionString)builder.Resources.Single(r => r.Name == "redis"));

        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "market"))
            .WithEnvironment("Market__Stream__PollInterval", "00:00:00.100")
            .WithEnvironment("Finnhub__BaseUrl", Finnhub.BaseUrl)
            .WithEnvironment("Finnhub__ApiKey", FakeFinnhubServer.Token)
            .WithEnvironment("Finnhub__RateLimit__PerMinute", "1000")
            .WithEnvironment("Finnhub__Retry__BaseDelay", "00:00:00.200")
            .WithEnvironment("Finnhub__Retry__MaxDelay", "00:00:02")
            .WithEnvironment("Market__Cache__KeyPrefix", "a:")
            .WithEnvironment("Market__Cache__QuoteTtl", "00:00:02")
            .WithEnvironment("Market__Cache__CryptoTtl", "00:00:02")
            .WithEnvironment("Market__Watchlist__Symbols", WatchedSymbol)
            .WithEnvironment("Market__Watchlist__Interval", "00:00:02");

        AddMarket(builder, "market-limited", marketDb, redis)
            .WithEnvironment("Finnhub__BaseUrl", LimitedFinnhub.BaseUrl)
            .WithEnvironment("Finnhub__ApiKey", FakeFinnhubServer.Token)
            .WithEnvironment("Finnhub__RateLimit__PerSecond", "3")
            .WithEnvironment("Finnhub__RateLimit__PerMinute", "8")
            .WithEnvironment("Finnhub__RateLimit__MaxQueueWait", "00:00:06")
            .WithEnvironment("Market__Cache__KeyPrefix", "b:")
            .WithEnvironment("Market__Watchlist__Symbols", "");

        AddMarket(builder, "market-sim", marketDb, redis)
            .WithEnvironment("Market__Cache__KeyPrefix", "sim:")
            .WithEnvironment("Market__Cache__QuoteTtl", "00:00:00.200")
            .WithEnvironment("Market__Cache__ProfileTtl", "00:00:00.200")
            .WithEnvironment("Market__Cache__NewsTtl", "00:00:00.200")
            .WithEnvironment("Market__Cache__ForexTtl", "00:00:00.200")
            .WithEnvironment("Market__Cache__CryptoTtl", "00:00:00.200")
            .WithEnvironment("Market__Watchlist__Symbols", "");

        _host = await MartTestApp.StartAsync(builder, state);
        _app = _host.App;
    }

    public HttpClient Client(string market = "market") => App.CreateHttpClient(market);

    public async Task<NpgsqlConnection> OpenMarketDbAsync()
    {
        var connection = new NpgsqlConnection(await App.GetConnectionStringAsync("marketdb"));
        await connection.OpenAsync();
        return connection;
    }

    internal async Task<TestRedis> RedisAsync() => await TestRedis.ConnectAsync((await App.GetConnectionStringAsync("redis"))!);

    /// <summary>A ticker no other test uses.</summary>
    public static string UniqueSymbol(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Finnhub is not null)
        {
            await Finnhub.DisposeAsync();
        }

        if (LimitedFinnhub is not null)
        {
            await LimitedFinnhub.DisposeAsync();
        }
    }

    private static IResourceBuilder<ProjectResource> AddMarket(
        IDistributedApplicationTestingBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<IResourceWithConnectionString> redis) =>
        builder.AddProject(name, "../Mart.Market/Mart.Market.csproj")
            .WithReference(database).WaitFor(database)
            .WithReference(redis).WaitFor(redis)
            .WithEnvironment("Market__Stream__PollInterval", "00:00:00.100");
}

[CollectionDefinition("market")]
public sealed class MarketSystemCollection : ICollectionFixture<MarketSystemFixture>;
