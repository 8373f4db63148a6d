using System.Globalization;

namespace Mart.ServiceDefaults.Validation;

/// <summary>Query values parsed here, so a malformed one is reported under its own name rather than as a binding
/// failure.</summary>
public static class QueryValues
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static int Integer(this FieldErrors errors, string field, string? value, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    /// <summary>A UUID; <see langword="null"/> when absent or (with an error) malformed.</summary>
    public static Guid? Uuid(this FieldErrors errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value.Trim(), out var id))
        {
            return id;
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not a UUID.");
        return null;
    }
}
