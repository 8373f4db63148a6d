using System.Globalization;
using Mart.Market.Domain;
using Mart.ServiceDefaults.Validation;

namespace Mart.Market.Apis;

/// <summary>
/// Reads the market endpoints' query parameters, bound as strings so a malformed value is reported with the rule it
/// breaks. Times fall in <see cref="Earliest"/>..<see cref="Latest"/>, so periods computed from them stay representable.
/// </summary>
internal static class MarketFields
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TextRule Symbol = new(MarketSymbol.MaxCryptoLength);

    private static readonly TextRule Optional = new(64, Required: false);

    public static string StockSymbol(this FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "A ticker is required, e.g. AAPL.");
        }
        else if (Symbol.Check(value, field, errors) is null)
        {
            return string.Empty;
        }
        else if (!MarketSymbol.TryNormalizeStock(value, out var symbol))
        {
            errors.Add(field, $"'{TextRule.Printable(value)}' is not a ticker: up to {MarketSymbol.MaxStockLength} letters and digits, with '.' or '-' between them (AAPL, BRK.B).");
        }
        else
        {
            return symbol;
        }

        return string.Empty;
    }

    public static string CryptoSymbol(this FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "A crypto symbol is required, e.g. BINANCE:BTCUSDT.");
        }
        else if (Symbol.Check(value, field, errors) is null)
        {
            return string.Empty;
        }
        else if (!MarketSymbol.TryNormalizeCrypto(value, out var symbol))
        {
            errors.Add(field, $"'{TextRule.Printable(value)}' is not an exchange-qualified crypto symbol such as BINANCE:BTCUSDT.");
        }
        else
        {
            return symbol;
        }

        return string.Empty;
    }

    public static string Currency(this FieldErrors errors, string field, string? value, string fallback)
    {
        if (Optional.Check(value, field, errors) is not { } text)
        {
            return string.Empty;
        }

        if (text.Length == 0)
        {
            return fallback;
        }

        if (CurrencyCode.TryNormalize(text, out var code))
        {
            return code;
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not an ISO-4217 currency code such as USD or EUR.");
        return string.Empty;
    }

    public static string Resolution(this FieldErrors errors, string field, string? value)
    {
        if (Optional.Check(value, field, errors) is not { } text)
        {
            return CandleResolution.Default;
        }

        if (text.Length == 0)
        {
            return CandleResolution.Default;
        }

        if (CandleResolution.TryNormalize(text, out var resolution))
        {
            return resolution;
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not a resolution; use one of {string.Join(", ", CandleResolution.All)}.");
        return CandleResolution.Default;
    }

    /// <summary>A calendar day written YYYY-MM-DD; <see langword="null"/> when absent or invalid.</summary>
    public static DateOnly? Day(this FieldErrors errors, string field, string? value)
    {
        if (Optional.Check(value, field, errors) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return InRange(errors, field, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) is null ? null : day;
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not a date in the form YYYY-MM-DD.");
        return null;
    }

    /// <summary>A time as unix seconds; <see langword="null"/> when absent or invalid.</summary>
    public static DateTimeOffset? UnixSeconds(this FieldErrors errors, string field, string? value)
    {
        if (Optional.Check(value, field, errors) is not { Length: > 0 } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= Latest.ToUnixTimeSeconds())
        {
            return InRange(errors, field, DateTimeOffset.FromUnixTimeSeconds(seconds));
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is not a time in unix seconds up to {Latest:yyyy-MM-dd}.");
        return null;
    }

    /// <summary>
    /// A day (YYYY-MM-DD, meaning its start, or with <paramref name="dayEnds"/> the start of the next day) or an ISO-8601
    /// date and time (UTC unless it has an offset); <see langword="null"/> when absent or invalid.
    /// </summary>
    public static DateTimeOffset? Instant(this FieldErrors errors, string field, string? value, bool dayEnds)
    {
        if (Optional.Check(value, field, errors) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = InRange(errors, field, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            return dayEnds ? start?.AddDays(1) : start;
        }

        if (text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return InRange(errors, field, instant);
        }

        errors.Add(field, $"'{TextRule.Printable(value)}' is neither a date (YYYY-MM-DD) nor an ISO-8601 date and time.");
        return null;
    }

    private static DateTimeOffset? InRange(FieldErrors errors, string field, DateTimeOffset time)
    {
        if (time >= Earliest && time < Latest)
        {
            return time;
        }

        errors.Add(field, $"The time must be from {Earliest:yyyy-MM-dd} to before {Latest:yyyy-MM-dd}.");
        return null;
    }
}
