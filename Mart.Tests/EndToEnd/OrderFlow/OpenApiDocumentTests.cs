namespace Mart.Tests.EndToEnd.OrderFlow;

[Collection("orderflow")]
public sealed class OpenApiDocumentTests(OrderFlowFixture fixture)
{
    [Theory]
    [InlineData("products")]
    [InlineData("orders")]
    [InlineData("payments")]
    public async Task Document_is_ready_for_client_generation(string service)
    {
        using var client = fixture.App.CreateHttpClient(service);

        await OpenApiDocuments.AssertReadyForClientsAsync(client, service);
    }
}
