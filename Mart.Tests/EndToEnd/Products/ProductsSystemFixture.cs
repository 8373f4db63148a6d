using Mart.Tests.Infrastructure;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>
/// Products on its own, as two replicas sharing one database and one consumer group (so events are handled by two
/// processes at once), with the start-up seed switched on. Only Products consumes the streams here, so the events
/// the tests publish on <c>mart.orders</c> and <c>mart.payments</c> reach no other service.
/// </summary>
public sealed class ProductsSystemFixture : IAsyncLifetime
{
    public const int SeedCount = 100;

    private MartTestApp? _host;
    private DistributedApplication? _app;
    private EventStreams? _streams;
    private MartCallers? _callers;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The products system has not started.");

    public EventStreams Streams => _streams ?? throw new InvalidOperationException("The products system has not started.");

    public ProductsApiClient Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "orders", "payments", "market", "finnhub-api-key", "ordersdb", "paymentsdb", "marketdb");
        var products = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "products"));
        products.WithReplicas(2);
        MartTestApp.Environment(
            builder,
            "products",
            ("Products__Seed__Enabled", "true"),
            ("Products__Seed__Count", SeedCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _host = await MartTestApp.StartAsync(builder, state);
        _app = _host.App;

        DatabaseConnectionString = (await _app.GetConnectionStringAsync("productsdb"))!;
        _streams = EventStreams.Connect((await _app.GetConnectionStringAsync("redis"))!);
        _callers = new MartCallers(_app);
        Api = new ProductsApiClient(_app.CreateHttpClient("products").As(await _callers.AdminAsync()));
    }

    public async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        _callers?.Dispose();
        if (_streams is not null)
        {
            await _streams.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition("products-system")]
public sealed class ProductsSystemCollection : ICollectionFixture<ProductsSystemFixture>;
