using System.Text.RegularExpressions;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Validation;

namespace Mart.Products.Apis;

/// <summary>Checks and normalizes the fields a client may write, reporting each problem under its field name.</summary>
public static partial class ProductFields
{
    /// <summary>Single line, trimmed, at most 64 characters; then the SKU pattern.</summary>
    public static readonly TextRule SkuText = new(ProductLimits.SkuMaxLength);

    public static readonly TextRule NameText = new(ProductLimits.NameMaxLength);

    /// <summary>Free text: the one product field that takes line breaks and tabs.</summary>
    public static readonly TextRule DescriptionText = new(ProductLimits.DescriptionMaxLength, Required: false, Multiline: true);

    /// <summary>The reason of a stock adjustment, kept with it.</summary>
    public static readonly TextRule Reason = new(ProductLimits.ReasonMaxLength);

    /// <summary>The catalog search text (<c>q</c>); blank means no search.</summary>
    public static readonly TextRule Search = new(ProductLimits.SearchMaxLength, Required: false);

    /// <summary>Checks every catalog field of <paramref name="input"/>, and that it has no others; null when any is bad.</summary>
    public static CatalogFields? Catalog(ICatalogFieldsRequest input, FieldErrors errors)
    {
        errors.AddUnknown(input.UnknownFields);
        var sku = Sku(input.Sku, errors);
        var name = Name(input.Name, errors);
        var description = Description(input.Description, errors);
        var price = Price(input.Price, errors);
        var currency = Currency(input.Currency, errors);
        return errors.Any ? null : new CatalogFields(sku!, name!, description, price!.Value, currency!);
    }

    public static string? Sku(string? value, FieldErrors errors)
    {
        if (SkuText.Check(value, "sku", errors) is not { } sku)
        {
            return null;
        }

        if (!SkuPattern().IsMatch(sku))
        {
            errors.Add("sku", "The SKU may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.");
            return null;
        }

        // Upper case, so "abc-1" and "ABC-1" cannot be two products.
        return sku.ToUpperInvariant();
    }

    public static string? Name(string? value, FieldErrors errors) => NameText.Check(value, "name", errors);

    public static string Description(string? value, FieldErrors errors) => DescriptionText.Check(value, "description", errors) ?? string.Empty;

    public static decimal? Price(decimal? value, FieldErrors errors, string field = "price")
    {
        if (value is not { } price)
        {
            errors.Add(field, "The price is required.");
            return null;
        }

        if (!IsValidPrice(price, out var problem))
        {
            errors.Add(field, problem);
            return null;
        }

        return price;
    }

    public static bool IsValidPrice(decimal price, out string problem)
    {
        if (price < 0)
        {
            problem = "The price must not be negative.";
            return false;
        }

        if (price > ProductLimits.MaxPrice)
        {
            problem = $"The price must be at most {ProductLimits.MaxPrice:0}.";
            return false;
        }

        if (decimal.Round(price, 2) != price)
        {
            problem = "The price must have at most two decimals.";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    public static string? Currency(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("currency", "The currency is required.");
            return null;
        }

        if (!Iso4217.TryNormalize(value, out var currency))
        {
            errors.Add("currency", "The currency must be an active ISO 4217 code, e.g. EUR or USD.");
            return null;
        }

        return currency;
    }

    public static int OnHand(int? value, FieldErrors errors)
    {
        var onHand = value ?? 0;
        if (onHand < 0)
        {
            errors.Add("onHand", "On-hand stock must not be negative.");
        }
        else if (onHand > ProductLimits.MaxOnHand)
        {
            errors.Add("onHand", $"On-hand stock must be at most {ProductLimits.MaxOnHand}.");
        }

        return onHand;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SkuPattern();
}
