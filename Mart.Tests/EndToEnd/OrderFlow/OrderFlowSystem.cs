using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// The whole system from Mart.AppHost's Program.cs under the test host, with the order-flow client; each fixture
/// adjusts the model (<see cref="Configure"/>) before it starts.
/// </summary>
public abstract class OrderFlowSystem : IAsyncLifetime
{
    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public OrderFlowClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        Configure(builder);
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

    /// <summary>Settings and resources this fixture's tests need, set on the AppHost's model.</summary>
    protected abstract void Configure(IDistributedApplicationTestingBuilder builder);
}
