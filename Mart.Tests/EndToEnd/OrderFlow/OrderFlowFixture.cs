using System.Globalization;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The whole system from Mart.AppHost's Program.cs, started once for the order-flow tests, with a short order
/// timeout so the timeout path can be watched within a test (it is still far longer than any healthy flow takes),
/// and a stale reservation sweep every second.
/// </summary>
public sealed class OrderFlowFixture : OrderFlowSystem
{
    public static readonly TimeSpan OrderTimeout = TimeSpan.FromSeconds(40);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        MartTestApp.Environment(
            builder,
            "products",
            ("Products__Seed__Enabled", "false"),
            // The stale reservation tests age their reservations by a day, so the sweep's usual StaleAfter applies;
            // only its passes come often enough to be watched.
            ("Products__Reconciliation__Interval", "00:00:01"));
        MartTestApp.Environment(
            builder,
            "orders",
            ("Orders__Timeout", OrderTimeout.ToString("c", CultureInfo.InvariantCulture)),
            ("Orders__TimeoutSweepInterval", "00:00:01"),
            // On a busy two-core machine Products can take seconds to answer a lookup; a slow answer must not be
            // taken for an outage here (the outage test stops Products, which is refused at once).
            ("Orders__CatalogTimeout", "00:00:30"));
        MartTestApp.Environment(builder, "payments", ("Payments__Charging__PollInterval", "00:00:01"));
    }
}

[CollectionDefinition("orderflow")]
public sealed class OrderFlowCollection : ICollectionFixture<OrderFlowFixture>;
