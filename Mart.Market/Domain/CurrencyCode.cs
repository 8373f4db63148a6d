using System.Collections.Frozen;
using Mart.ServiceDefaults.Validation;

namespace Mart.Market.Domain;

/// <summary>
/// The currencies forex rates are quoted in: Mart's one list of active ISO-4217 codes (<see cref="Iso4217"/>) plus the
/// precious metals, which ISO 4217 codes too (X-prefixed) and forex feeds quote, but nothing in the mart is priced in.
/// </summary>
public static class CurrencyCode
{
    /// <summary>Gold, silver, platinum and palladium.</summary>
    public static FrozenSet<string> PreciousMetals { get; } = new[] { "XAU", "XAG", "XPT", "XPD" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every accepted code, upper case.</summary>
    public static FrozenSet<string> All { get; } = Iso4217.Codes.Union(PreciousMetals).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Normalises <paramref name="value"/> as <see cref="Iso4217"/> does (upper case); <see langword="false"/> when it is not a known code.</summary>
    public static bool TryNormalize(string? value, out string code) =>
        Iso4217.TryNormalize(value, out code) || PreciousMetals.Contains(code);
}
