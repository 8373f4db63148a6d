using System.Globalization;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The order flow with a gateway whose slow charges go through but answer only after Payments stopped waiting
/// (<c>tok_slow</c>'s delay above the gateway timeout), and a retry delay long enough to act within it.
/// </summary>
public sealed class ChargeTimeoutFixture : OrderFlowSystem
{
    public static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
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
    }
}

[CollectionDefinition("charge-timeout")]
public sealed class ChargeTimeoutCollection : ICollectionFixture<ChargeTimeoutFixture>;
