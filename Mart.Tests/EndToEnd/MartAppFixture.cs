using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd;

/// <summary>The whole system from Mart.AppHost's Program.cs, started once for the end-to-end tests.</summary>
public sealed class MartAppFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["products", "orders", "payments", "market"];

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        // Tests create the products they need; a seeded catalog would only be noise in their pages and stock checks.
        var products = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "products");
        builder.CreateResourceBuilder(products).WithEnvironment("Products__Seed__Enabled", "false");

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication);
        await _app.StartAsync(timeout.Token);
        await WaitForAllHealthyAsync(_app, timeout.Token);
    }

    public static async Task WaitForAllHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        foreach (var resource in app.ResourceNotifications.GetSnapshots())
        {
            try
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                var log = string.Join(Environment.NewLine, app.ConsoleLogs.GetLines(resource.Name, 40).Select(l => l.Text));
                throw new TimeoutException($"'{resource.Name}' did not become healthy: {app.ResourceNotifications.GetSnapshot(resource.Name)}{Environment.NewLine}{log}");
            }
        }
    }

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
