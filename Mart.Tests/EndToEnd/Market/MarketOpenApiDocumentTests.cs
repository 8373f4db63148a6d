namespace Mart.Tests.EndToEnd.Market;

[Collection("market")]
public sealed class MarketOpenApiDocumentTests(MarketSystemFixture fixture)
{
    [Fact]
    public async Task Document_is_ready_for_client_generation()
    {
        using var client = fixture.Client();

        await OpenApiDocuments.AssertReadyForClientsAsync(client, "market");
    }
}
