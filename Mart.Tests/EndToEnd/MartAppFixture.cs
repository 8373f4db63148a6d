using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd;

/// <summary>The whole system from Mart.AppHost's Program.cs under Aspire's test host, started once for the end-to-end tests.</summary>
public sealed class MartAppFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["products", "orders", "payments", "market"];

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();

        // Tests create the products they need; a seeded catalog would only be noise in their pages and stock checks.
        MartTestApp.Environment(builder, "products", ("Products__Seed__Enabled", "false"));
        _app = await MartTestApp.StartAsync(builder, state);
    }

    public static Task WaitForAllHealthyAsync(DistributedApplication app, CancellationToken cancellationToken) =>
        MartTestApp.WaitForAllHealthyAsync(app, cancellationToken);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition("app")]
public sealed class MartAppCollection : ICollectionFixture<MartAppFixture>;
