namespace Mart.Market.Domain;

/// <summary>The latest price of a stock as the provider reports it (the fields of Finnhub's <c>/quote</c>).</summary>
/// <param name="Symbol">Ticker, e.g. <c>AAPL</c>.</param>
/// <param name="Current">Current price.</param>
/// <param name="Change">Change since the previous close; the provider leaves it out for some instruments.</param>
/// <param name="PercentChange">Change since the previous close in percent.</param>
/// <param name="High">High of the day.</param>
/// <param name="Low">Low of the day.</param>
/// <param name="Open">Open of the day.</param>
/// <param name="PreviousClose">Close of the previous trading day.</param>
/// <param name="QuotedAt">The provider's time for the price.</param>
public sealed record Quote(
    string Symbol,
    double Current,
    double? Change,
    double? PercentChange,
    double High,
    double Low,
    double Open,
    double PreviousClose,
    DateTimeOffset QuotedAt);
