using System.Text.RegularExpressions;
using Mart.Products.Domain;

namespace Mart.Products.Apis;

/// <summary>Checks and normalizes the fields a client may write, reporting each problem under its field name.</summary>
public static partial class ProductFields
{
    public static string? Sku(string? value, FieldErrors errors)
    {
        var sku = value?.Trim();
        if (string.IsNullOrEmpty(sku))
        {
            errors.Add("sku", "The SKU is required.");
            return null;
        }

        if (sku.Length > ProductLimits.SkuMaxLength)
        {
            errors.Add("sku", $"The SKU must be at most {ProductLimits.SkuMaxLength} characters.");
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

    public static string? Name(string? value, FieldErrors errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "The name is required.");
            return null;
        }

        if (name.Length > ProductLimits.NameMaxLength)
        {
            errors.Add("name", $"The name must be at most {ProductLimits.NameMaxLength} characters.");
            return null;
        }

        if (name.Any(char.IsControl))
        {
            errors.Add("name", "The name must not contain control characters.");
            return null;
        }

        return name;
    }

    public static string Description(string? value, FieldErrors errors)
    {
        var description = value?.Trim() ?? string.Empty;
        if (description.Length > ProductLimits.DescriptionMaxLength)
        {
            errors.Add("description", $"The description must be at most {ProductLimits.DescriptionMaxLength} characters.");
        }

        // PostgreSQL text cannot hold NUL.
        if (description.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add("description", "The description must not contain NUL characters.");
        }

        return description;
    }

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
        var currency = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            errors.Add("currency", "The currency is required.");
            return null;
        }

        if (!Currencies.IsKnown(currency))
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
