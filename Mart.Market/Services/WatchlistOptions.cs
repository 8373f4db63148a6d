using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Services;

/// <summary>Symbols kept fresh without anyone asking; bound from <c>Market:Watchlist</c>.</summary>
public sealed class WatchlistOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Market:Watchlist";

    /// <summary>Comma-separated tickers (a list in one value, so an environment variable can also empty it).</summary>
    public string Symbols { get; set; } = "AAPL,MSFT,NVDA,AMZN,GOOGL";

    /// <summary>Time between refresh rounds; lengthened when the rounds would take more than <see cref="BudgetShare"/> of the call budget.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest share of the provider's per-minute budget the watchlist may use; the rest is left for requests.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double BudgetShare { get; set; } = 0.5;
}
