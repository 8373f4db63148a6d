using System.Text.Json.Serialization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>A quote in Finnhub's field names, plus the symbol and when Market fetched it.</summary>
public sealed record QuoteResponse(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("c")] double Current,
    [property: JsonPropertyName("d")] double? Change,
    [property: JsonPropertyName("dp")] double? PercentChange,
    [property: JsonPropertyName("h")] double High,
    [property: JsonPropertyName("l")] double Low,
    [property: JsonPropertyName("o")] double Open,
    [property: JsonPropertyName("pc")] double PreviousClose,
    [property: JsonPropertyName("t")] long Time,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf)
{
    public static QuoteResponse From(Quote quote, DateTimeOffset asOf) => new(
        quote.Symbol, quote.Current, quote.Change, quote.PercentChange, quote.High, quote.Low, quote.Open, quote.PreviousClose,
        quote.QuotedAt.ToUnixTimeSeconds(), asOf);
}
