using Bogus;
using Mart.Products.Data;

namespace Mart.Products.Seeding;

/// <summary>A plausible catalog from a fixed random seed: names, descriptions, prices and stock levels.</summary>
public static class CatalogFaker
{
    private static readonly decimal[] Cents = [0.00m, 0.49m, 0.95m, 0.99m];

    /// <summary>
    /// <paramref name="count"/> products; the same seed gives the same SKUs, names, prices and stock. Creation times
    /// count back from <paramref name="now"/> one second apart, so the catalog lists in generation order.
    /// </summary>
    public static IReadOnlyList<Product> Generate(int count, int seed, string currency, DateTimeOffset now)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var products = new List<Product>(count);
        for (var i = 1; i <= count; i++)
        {
            var department = faker.Commerce.Department(1);
            var createdAt = now.AddSeconds(i - count);
            products.Add(new Product
            {
                Id = Guid.CreateVersion7(createdAt),
                Sku = $"{Prefix(department)}-{i:D5}",
                Name = faker.Commerce.ProductName(),
                Description = faker.Commerce.ProductDescription(),
                Price = faker.Random.Int(1, 499) + faker.PickRandom(Cents),
                Currency = currency,

                // Mostly in stock, a few sold out, as a live shop would be.
                OnHand = faker.Random.Bool(0.05f) ? 0 : faker.Random.Int(5, 250),
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            });
        }

        return products;
    }

    // "Electronics" -> "ELE": a readable SKU prefix; the running number keeps SKUs unique.
    private static string Prefix(string department)
    {
        var letters = new string([.. department.Where(char.IsAsciiLetter).Take(3)]).ToUpperInvariant();
        return letters.Length == 3 ? letters : "GEN";
    }
}
