using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>
/// Products on its own, as two replicas sharing one database and one consumer group (so events are handled by two
/// processes at once), with the start-up seed switched on. Only Products consumes the streams here, so the events
/// the tests publish on <c>mart.orders</c> and <c>mart.payments</c> reach no other service.
/// </summary>
public sealed class ProductsSystemFixture : IAsyncLifetime
{
    public const int SeedCount = 100;

    private DistributedApplication? _app;
    private EventStreams? _streams;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The products system has not started.");

    public EventStreams Streams => _streams ?? throw new InvalidOperationException("The products system has not started.");

    public ProductsApiClient Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var database = builder.AddPostgres("postgres").AddDatabase("productsdb");
        var redis = builder.AddRedis("redis");
        builder.AddProject("products", "../Mart.Products/Mart.Products.csproj")
            .WithReference(database).WaitFor(database)
            .WithReference(redis).WaitFor(redis)
            .WithReplicas(2)
            .WithEnvironment("Products__Seed__Enabled", "true")
            .WithEnvironment("Products__Seed__Count", SeedCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication);
        await _app.StartAsync(timeout.Token);
        await MartAppFixture.WaitForAllHealthyAsync(_app, timeout.Token);

        DatabaseConnectionString = (await _app.GetConnectionStringAsync("productsdb"))!;
        _streams = EventStreams.Connect((await _app.GetConnectionStringAsync("redis"))!);
        Api = new ProductsApiClient(_app.CreateHttpClient("products"));
    }

    public async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        if (_streams is not null)
        {
            await _streams.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition("products-system")]
public sealed class ProductsSystemCollection : ICollectionFixture<ProductsSystemFixture>;
