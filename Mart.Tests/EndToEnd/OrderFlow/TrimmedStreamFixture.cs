using System.Globalization;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The order flow with Orders trimming <c>mart.orders</c> down to a few entries several times a second, so a consumer
/// that falls behind sees its stream trimmed within a test.
/// </summary>
public sealed class TrimmedStreamFixture : OrderFlowSystem
{
    public const int StreamMaxLength = 10;

    public static readonly TimeSpan TrimInterval = TimeSpan.FromMilliseconds(200);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        MartTestApp.Remove(builder, "market", "finnhub-api-key", "marketdb");
        MartTestApp.Environment(
            builder,
            "products",
            ("Products__Seed__Enabled", "false"),
            // The test keeps Products' handlers waiting on its inbox for as long as it places orders; that wait must
            // not be taken for a stuck handler and dead-lettered.
            ("Mart__Messaging__Consumer__HandlerTimeout", "00:05:00"));
        MartTestApp.Environment(
            builder,
            "orders",
            ("Orders__CatalogTimeout", "00:00:30"),
            ("Mart__Messaging__Relay__StreamMaxLength", StreamMaxLength.ToString(CultureInfo.InvariantCulture)),
            ("Mart__Messaging__Relay__TrimInterval", TrimInterval.ToString("c", CultureInfo.InvariantCulture)));
        MartTestApp.Environment(builder, "payments", ("Payments__Charging__PollInterval", "00:00:01"));
    }
}

[CollectionDefinition("trimmed-stream")]
public sealed class TrimmedStreamCollection : ICollectionFixture<TrimmedStreamFixture>;
