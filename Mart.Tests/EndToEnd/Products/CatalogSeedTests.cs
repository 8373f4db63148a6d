using Npgsql;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>The start-up seed, with two replicas starting together on one empty database.</summary>
[Collection("products-system")]
public sealed class CatalogSeedTests(ProductsSystemFixture fixture)
{
    [Fact]
    public async Task Two_replicas_starting_on_an_empty_database_seed_the_catalog_once()
    {
        var seeded = await SeededAsync();

        Assert.Equal(ProductsSystemFixture.SeedCount, seeded.Count);
        Assert.Equal(seeded.Count, seeded.Select(p => p.Sku).Distinct().Count());
        Assert.All(seeded, p =>
        {
            Assert.Matches("^[A-Z]{3}-[0-9]{5}$", p.Sku);
            Assert.False(string.IsNullOrWhiteSpace(p.Name));
            Assert.InRange(p.Price, 1m, 500m);
            Assert.InRange(p.OnHand, 0, 250);
        });

        // Each was announced with product.created, through the outbox.
        await StockDatabase.UntilAsync(
            async () => (await fixture.Streams.ProductEventTypesAsync(seeded[^1].Id)).Count > 0,
            "the last seeded product was announced");
        foreach (var product in seeded)
        {
            Assert.Equal(["product.created.v1"], await fixture.Streams.ProductEventTypesAsync(product.Id));
        }
    }

    [Fact]
    public async Task The_seed_is_the_same_catalog_every_time()
    {
        var seeded = await SeededAsync();

        // Fixed random seed (Products:Seed:RandomSeed, 8675309): these are the first products on every machine.
        Assert.Equal(
            [("IND-00001", "Awesome Frozen Hat", 104.95m, 248), ("BEA-00002", "Tasty Metal Bike", 343.95m, 82), ("BEA-00003", "Handcrafted Granite Towels", 331.00m, 100)],
            seeded.Take(3).Select(p => (p.Sku, p.Name, p.Price, p.OnHand)));
    }

    [Fact]
    public async Task A_restart_does_not_seed_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.App.ResourceCommands.RestartResourceAsync("products", timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("products", WaitBehavior.WaitOnResourceUnavailable, timeout.Token);

        var seeded = await SeededAsync();
        Assert.Equal(ProductsSystemFixture.SeedCount, seeded.Count);
    }

    /// <summary>The seeded products (SKUs of the form ABC-00001), in creation order.</summary>
    private async Task<List<(Guid Id, string Sku, string Name, decimal Price, int OnHand)>> SeededAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, sku, name, price, on_hand FROM products WHERE sku ~ '^[A-Z]{3}-[0-9]{5}$' ORDER BY created_at, id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var products = new List<(Guid, string, string, decimal, int)>();
        while (await reader.ReadAsync())
        {
            products.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetInt32(4)));
        }

        return products;
    }
}
