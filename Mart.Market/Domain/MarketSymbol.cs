using System.Text.RegularExpressions;

namespace Mart.Market.Domain;

/// <summary>The symbol formats the API accepts. Symbols are case-insensitive on input and upper case everywhere else.</summary>
public static partial class MarketSymbol
{
    /// <summary>Longest stock ticker accepted (exchange suffixes such as <c>.TO</c> included).</summary>
    public const int MaxStockLength = 20;

    /// <summary>Longest crypto symbol accepted.</summary>
    public const int MaxCryptoLength = 40;

    /// <summary>Normalises a stock ticker such as <c>AAPL</c>, <c>BRK.B</c> or <c>005930.KS</c>; <see langword="false"/> when it is not one.</summary>
    public static bool TryNormalizeStock(string? value, out string symbol)
    {
        symbol = value?.Trim().ToUpperInvariant() ?? string.Empty;
        return symbol.Length is > 0 and <= MaxStockLength && StockPattern().IsMatch(symbol);
    }

    /// <summary>Normalises an exchange-qualified crypto pair such as <c>BINANCE:BTCUSDT</c>; <see langword="false"/> when it is not one.</summary>
    public static bool TryNormalizeCrypto(string? value, out string symbol)
    {
        symbol = value?.Trim().ToUpperInvariant() ?? string.Empty;
        return symbol.Length is > 0 and <= MaxCryptoLength && CryptoPattern().IsMatch(symbol);
    }

    /// <summary>True for the crypto form (it carries an exchange prefix).</summary>
    public static bool IsCrypto(string symbol) => symbol.Contains(':', StringComparison.Ordinal);

    // Letters and digits, with dots or dashes between them for share classes and exchange suffixes.
    [GeneratedRegex("^[A-Z0-9]+(?:[.\\-][A-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex StockPattern();

    [GeneratedRegex("^[A-Z0-9]{2,20}:[A-Z0-9]+(?:[._\\-][A-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CryptoPattern();
}
