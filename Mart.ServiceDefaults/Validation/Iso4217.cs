using System.Collections.Frozen;

namespace Mart.ServiceDefaults.Validation;

/// <summary>The active ISO 4217 codes, the one list every service checks money against.</summary>
/// <remarks>Data, not the culture tables, which depend on the machine's ICU data; codes in transition (ANG, XCG) are
/// both listed while both are legal tender.</remarks>
public static class Iso4217
{
    /// <summary>Every active code, upper case.</summary>
    public static FrozenSet<string> Codes { get; } = new[]
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
        "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
        "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
        "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
        "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code, written in upper case.</summary>
    public static bool IsActive(string? code) => code is not null && Codes.Contains(code);

    /// <summary>Trims and upper-cases <paramref name="value"/>; <see langword="false"/> when it is not an active code.</summary>
    public static bool TryNormalize(string? value, out string code)
    {
        code = value?.Trim().ToUpperInvariant() ?? string.Empty;
        return Codes.Contains(code);
    }
}
