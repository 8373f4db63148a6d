using System.Globalization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>
/// Reads query parameters and collects what is wrong with them, per field, for a 400 ValidationProblem. Parameters are
/// bound as strings so a malformed value is reported with the rule it breaks instead of a generic binding failure.
/// </summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public string StockSymbol(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "A ticker is required, e.g. AAPL.");
        }
        else if (!MarketSymbol.TryNormalizeStock(value, out var symbol))
        {
            Add(field, $"'{value}' is not a ticker: up to {MarketSymbol.MaxStockLength} letters and digits, with '.' or '-' between them (AAPL, BRK.B).");
        }
        else
        {
            return symbol;
        }

        return string.Empty;
    }

    public string CryptoSymbol(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "A crypto symbol is required, e.g. BINANCE:BTCUSDT.");
        }
        else if (!MarketSymbol.TryNormalizeCrypto(value, out var symbol))
        {
            Add(field, $"'{value}' is not an exchange-qualified crypto symbol such as BINANCE:BTCUSDT.");
        }
        else
        {
            return symbol;
        }

        return string.Empty;
    }

    public string Currency(string field, string? value, string fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (CurrencyCode.TryNormalize(value, out var code))
        {
            return code;
        }

        Add(field, $"'{value}' is not an ISO-4217 currency code such as USD or EUR.");
        return string.Empty;
    }

    public string Resolution(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CandleResolution.Default;
        }

        if (CandleResolution.TryNormalize(value, out var resolution))
        {
            return resolution;
        }

        Add(field, $"'{value}' is not a resolution; use one of {string.Join(", ", CandleResolution.All)}.");
        return CandleResolution.Default;
    }

    /// <summary>A calendar day written YYYY-MM-DD; <see langword="null"/> when absent or invalid.</summary>
    public DateOnly? Day(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Add(field, $"'{value}' is not a date in the form YYYY-MM-DD.");
        return null;
    }

    /// <summary>A time as unix seconds; <see langword="null"/> when absent or invalid.</summary>
    public DateTimeOffset? UnixSeconds(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        Add(field, $"'{value}' is not a time in unix seconds.");
        return null;
    }

    /// <summary>
    /// A day (YYYY-MM-DD, meaning its start, or with <paramref name="dayEnds"/> the start of the next day) or an ISO-8601
    /// date and time (UTC unless it has an offset); <see langword="null"/> when absent or invalid.
    /// </summary>
    public DateTimeOffset? Instant(string field, string? value, bool dayEnds)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return dayEnds ? start.AddDays(1) : start;
        }

        if (text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        Add(field, $"'{value}' is neither a date (YYYY-MM-DD) nor an ISO-8601 date and time.");
        return null;
    }

    public int Integer(string field, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Add(field, $"'{value}' is not a whole number from {min} to {max}.");
        return fallback;
    }
}
