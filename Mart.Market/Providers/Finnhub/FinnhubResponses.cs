using System.Text.Json.Serialization;

namespace Mart.Market.Providers.Finnhub;

// Finnhub's documented response shapes. Numbers are nullable where Finnhub sends null for unknown symbols.

/// <summary><c>GET /quote</c>.</summary>
internal sealed record FinnhubQuote(
    [property: JsonPropertyName("c")] double? Current,
    [property: JsonPropertyName("d")] double? Change,
    [property: JsonPropertyName("dp")] double? PercentChange,
    [property: JsonPropertyName("h")] double? High,
    [property: JsonPropertyName("l")] double? Low,
    [property: JsonPropertyName("o")] double? Open,
    [property: JsonPropertyName("pc")] double? PreviousClose,
    [property: JsonPropertyName("t")] long? Time);

/// <summary><c>GET /stock/profile2</c>; an unknown symbol gives an empty object.</summary>
internal sealed record FinnhubProfile(
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("exchange")] string? Exchange,
    [property: JsonPropertyName("finnhubIndustry")] string? Industry,
    [property: JsonPropertyName("ipo")] string? Ipo,
    [property: JsonPropertyName("logo")] string? Logo,
    [property: JsonPropertyName("marketCapitalization")] double? MarketCapitalization,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("shareOutstanding")] double? ShareOutstanding,
    [property: JsonPropertyName("ticker")] string? Ticker,
    [property: JsonPropertyName("weburl")] string? WebUrl);

/// <summary>One item of <c>GET /company-news</c>.</summary>
internal sealed record FinnhubNewsItem(
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("datetime")] long Datetime,
    [property: JsonPropertyName("headline")] string? Headline,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("related")] string? Related,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("url")] string? Url);

/// <summary><c>GET /forex/rates</c>.</summary>
internal sealed record FinnhubForexRates(
    [property: JsonPropertyName("base")] string? Base,
    [property: JsonPropertyName("quote")] Dictionary<string, double>? Quote);

/// <summary><c>GET /crypto/candle</c>: parallel arrays, <c>s</c> is <c>ok</c> or <c>no_data</c>.</summary>
internal sealed record FinnhubCandles(
    [property: JsonPropertyName("c")] double[]? Close,
    [property: JsonPropertyName("h")] double[]? High,
    [property: JsonPropertyName("l")] double[]? Low,
    [property: JsonPropertyName("o")] double[]? Open,
    [property: JsonPropertyName("s")] string? Status,
    [property: JsonPropertyName("t")] long[]? Time,
    [property: JsonPropertyName("v")] double[]? Volume);
