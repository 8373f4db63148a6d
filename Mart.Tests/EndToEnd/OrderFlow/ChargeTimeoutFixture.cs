using System.Globalization;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The order flow with a gateway whose slow charges go through but answer only after Payments stopped waiting
/// (<c>tok_slow</c>'s delay above the gateway timeout), and a retry delay long enough to act within it.
/// </summary>
public sealed class ChargeTimeoutFixture : IAsyncLifetime
{
    public static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public OrderFlowClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "market", "finnhub-api-key", "marketdb");
        MartTestApp.Environment(builder, "products", ("Products__Seed__Enabled", "false"));
        MartTestApp.Environment(builder, "orders", ("Orders__CatalogTimeout", "00:00:30"));
        MartTestApp.Environment(
            builder,
            "payments",
            ("Payments__Charging__PollInterval", "00:00:01"),
            ("Payments__Charging__GatewayTimeout", GatewayTimeout.ToString("c", CultureInfo.InvariantCulture)),
            ("Payments__Charging__RetryBaseDelay", RetryDelay.ToString("c", CultureInfo.InvariantCulture)),
            ("Payments__Gateway__SlowDelay", "00:00:10"));

        _app = await MartTestApp.StartAsync(builder, state);
        Client = await OrderFlowClient.CreateAsync(App);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition("charge-timeout")]
public sealed class ChargeTimeoutCollection : ICollectionFixture<ChargeTimeoutFixture>;
