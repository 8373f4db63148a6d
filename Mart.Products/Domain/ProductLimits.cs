namespace Mart.Products.Domain;

/// <summary>The bounds every input is checked against, so nothing reaches the database that it would refuse.</summary>
public static class ProductLimits
{
    public const int SkuMaxLength = 64;

    public const int NameMaxLength = 200;

    public const int DescriptionMaxLength = 4000;

    /// <summary>Far below numeric(18,2)'s limit, and small enough that order totals of many lines still fit.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>Bound for on-hand stock and for one adjustment, so sums stay far from <see cref="int.MaxValue"/>.</summary>
    public const int MaxOnHand = 1_000_000_000;

    public const int ReasonMaxLength = 500;

    public const int SearchMaxLength = 100;

    /// <summary>Ids accepted by one batch lookup.</summary>
    public const int MaxLookupIds = 100;
}
