namespace Mart.Market.Domain;

/// <summary>Candle lengths in the provider's notation: minutes as numbers, then day, week and month.</summary>
public static class CandleResolution
{
    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = ["1", "5", "15", "30", "60", "D", "W", "M"];

    /// <summary>The default when a request names none.</summary>
    public const string Default = "D";

    /// <summary>True when <paramref name="value"/> is one of <see cref="All"/> (case-insensitive); <paramref name="resolution"/> is its canonical form.</summary>
    public static bool TryNormalize(string? value, out string resolution)
    {
        resolution = value?.Trim().ToUpperInvariant() ?? string.Empty;
        return All.Contains(resolution);
    }

    /// <summary>
    /// The nominal length of one candle. A month counts as 31 days, so range limits computed from it never
    /// under-count the candles a range can hold.
    /// </summary>
    public static TimeSpan Length(string resolution) => resolution switch
    {
        "D" => TimeSpan.FromDays(1),
        "W" => TimeSpan.FromDays(7),
        "M" => TimeSpan.FromDays(31),
        _ => TimeSpan.FromMinutes(int.Parse(resolution, System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>Start of the candle that contains <paramref name="time"/> (UTC; weeks start on Monday, months on the 1st).</summary>
    public static DateTimeOffset Floor(string resolution, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        switch (resolution)
        {
            case "D":
                return new DateTimeOffset(utc.Date, TimeSpan.Zero);
            case "W":
                var daysSinceMonday = ((int)utc.DayOfWeek + 6) % 7;
                return new DateTimeOffset(utc.Date.AddDays(-daysSinceMonday), TimeSpan.Zero);
            case "M":
                return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
            default:
                var seconds = (long)Length(resolution).TotalSeconds;
                var unix = utc.ToUnixTimeSeconds();
                return DateTimeOffset.FromUnixTimeSeconds(unix - (((unix % seconds) + seconds) % seconds));
        }
    }

    /// <summary>Start of the candle after the one starting at <paramref name="start"/>.</summary>
    public static DateTimeOffset Next(string resolution, DateTimeOffset start) => resolution switch
    {
        "M" => start.AddMonths(1),
        _ => start + Length(resolution),
    };
}
