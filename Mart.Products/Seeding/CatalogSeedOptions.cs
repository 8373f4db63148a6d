namespace Mart.Products.Seeding;

/// <summary>Settings of the start-up catalog seed; bound from <c>Products:Seed</c>.</summary>
public sealed class CatalogSeedOptions
{
    public const string SectionName = "Products:Seed";

    /// <summary>Seed when the catalog is empty (appsettings.json turns this on; tests turn it off).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many products to create.</summary>
    public int Count { get; set; } = 100;

    /// <summary>Seed of the random generator: the same value always gives the same catalog.</summary>
    public int RandomSeed { get; set; } = 8675309;

    /// <summary>Currency of every seeded price (orders are in one currency).</summary>
    public string Currency { get; set; } = "EUR";
}
