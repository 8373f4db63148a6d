using System.Globalization;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The order flow with Orders trimming <c>mart.orders</c> down to a few entries several times a second, so a consumer
/// that falls behind sees its stream trimmed within a test.
/// </summary>
public sealed class TrimmedStreamFixture : IAsyncLifetime
{
    public const int StreamMaxLength = 10;

    public static readonly TimeSpan TrimInterval = TimeSpan.FromMilliseconds(200);

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public OrderFlowClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
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

[CollectionDefinition("trimmed-stream")]
public sealed class TrimmedStreamCollection : ICollectionFixture<TrimmedStreamFixture>;
