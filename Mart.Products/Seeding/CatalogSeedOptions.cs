using System.ComponentModel.DataAnnotations;
using Mart.ServiceDefaults.Validation;

namespace Mart.Products.Seeding;

/// <summary>Settings of the start-up catalog seed; bound from <c>Products:Seed</c>.</summary>
public sealed class CatalogSeedOptions : IValidatableObject
{
    public const string SectionName = "Products:Seed";

    /// <summary>Seed when the catalog is empty (appsettings.json turns this on; tests turn it off).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many products to create.</summary>
    [Range(1, 100_000, ErrorMessage = "Products:Seed:Count must be from 1 to 100000.")]
    public int Count { get; set; } = 100;

    /// <summary>Seed of the random generator: the same value always gives the same catalog.</summary>
    public int RandomSeed { get; set; } = 8675309;

    /// <summary>Currency of every seeded price (orders are in one currency).</summary>
    public string Currency { get; set; } = "EUR";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Iso4217.IsActive(Currency))
        {
            yield return new ValidationResult("Products:Seed:Currency must be an active ISO 4217 code in upper case.", [nameof(Currency)]);
        }
    }
}
