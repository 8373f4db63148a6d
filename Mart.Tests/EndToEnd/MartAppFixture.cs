using Mart.Tests.Infrastructure;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd;

/// <summary>The whole system from Mart.AppHost's Program.cs under Aspire's test host, started once for the end-to-end tests.</summary>
public sealed class MartAppFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["products", "orders", "payments", "market"];

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public MartCallers Callers { get; private set; } = null!;

    /// <summary>The seeded admin: staff, with every API scope.</summary>
    public Caller Admin { get; private set; } = null!;

    /// <summary>A client of <paramref name="service"/> that calls as <see cref="Admin"/>.</summary>
    public HttpClient StaffClient(string service) => App.CreateHttpClient(service).As(Admin);

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();

        // Tests create the products they need; a seeded catalog would only be noise in their pages and stock checks.
        MartTestApp.Environment(builder, "products", ("Products__Seed__Enabled", "false"));
        _app = await MartTestApp.StartAsync(builder, state);
        Callers = new MartCallers(App);
        Admin = await Callers.AdminAsync();
    }

    public static Task WaitForAllHealthyAsync(DistributedApplication app, CancellationToken cancellationToken) =>
        MartTestApp.WaitForAllHealthyAsync(app, cancellationToken);

    public async Task DisposeAsync()
    {
        Callers?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition("app")]
public sealed class MartAppCollection : ICollectionFixture<MartAppFixture>;
