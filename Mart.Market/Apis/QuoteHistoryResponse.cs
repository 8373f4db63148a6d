using System.Text.Json.Serialization;
using Mart.Market.Data;

namespace Mart.Market.Apis;

/// <summary>Stored quotes of a symbol, oldest first.</summary>
public sealed record QuoteHistoryResponse(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("quotes")] IReadOnlyList<QuoteHistoryItem> Quotes);

/// <summary>One stored quote in Finnhub's field names, with when and from which provider it was fetched.</summary>
public sealed record QuoteHistoryItem(
    [property: JsonPropertyName("c")] double Current,
    [property: JsonPropertyName("d")] double? Change,
    [property: JsonPropertyName("dp")] double? PercentChange,
    [property: JsonPropertyName("h")] double High,
    [property: JsonPropertyName("l")] double Low,
    [property: JsonPropertyName("o")] double Open,
    [property: JsonPropertyName("pc")] double PreviousClose,
    [property: JsonPropertyName("t")] long Time,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf,
    [property: JsonPropertyName("provider")] string Provider)
{
    public static QuoteHistoryItem From(QuoteRow row)
    {
        var quote = MarketDataReader.ToQuote(row);
        return new(
            quote.Current, quote.Change, quote.PercentChange, quote.High, quote.Low, quote.Open, quote.PreviousClose,
            quote.QuotedAt.ToUnixTimeSeconds(), row.FetchedAt, row.Provider);
    }
}
