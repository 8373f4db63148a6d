using System.Text.Json.Serialization;

namespace Mart.Market.Events;

/// <summary>The <c>crypto</c> stream event: one new or changed candle, in the HTTP API's candle field names.</summary>
public sealed record CryptoCandleEvent(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("o")] double Open,
    [property: JsonPropertyName("h")] double High,
    [property: JsonPropertyName("l")] double Low,
    [property: JsonPropertyName("c")] double Close,
    [property: JsonPropertyName("v")] double Volume,
    [property: JsonPropertyName("t")] long Time);
