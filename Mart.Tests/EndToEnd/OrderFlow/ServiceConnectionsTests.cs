using Mart.Data;
namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>The connection settings AddServiceDatabase gives every service, as PostgreSQL sees them.</summary>
[Collection("orderflow")]
public sealed class ServiceConnectionsTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task Each_service_names_its_connections_with_its_name_and_a_token_of_its_own()
    {
        // One order through every service, so each has used its pool.
        var product = await Client.CreateProductAsync(onHand: 5);
        var placed = await Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1));
        await Client.WaitForStatusAsync(placed.Id, "completed");

        foreach (var (database, service) in new[] { (Client.ProductsDb, "Mart.Products"), (Client.OrdersDb, "Mart.Orders"), (Client.PaymentsDb, "Mart.Payments") })
        {
            // Every connection of the service to its database carries the same name: "<service>-<8 hex digits>".
            var named = await OrderFlowClient.ScalarAsync(
                database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name ~ $1",
                $"^{service.Replace(".", "\\.", StringComparison.Ordinal)}-[0-9a-f]{{8}}$");
            var tokens = await OrderFlowClient.ScalarAsync(
                database,
                "SELECT count(DISTINCT application_name) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1",
                service + "-%");
            Assert.True(named > 0, $"{service} has connections named after it");
            Assert.Equal(1, tokens);
        }
    }
}
