using System.Text.Json.Serialization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>Candles of a crypto pair, oldest first; <c>from</c> and <c>to</c> in unix seconds as requested.</summary>
public sealed record CryptoResponse(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf,
    [property: JsonPropertyName("candles")] IReadOnlyList<CandleResponse> Candles);

/// <summary>One candle: open, high, low, close, volume, and its start <c>t</c> in unix seconds.</summary>
public sealed record CandleResponse(
    [property: JsonPropertyName("o")] double Open,
    [property: JsonPropertyName("h")] double High,
    [property: JsonPropertyName("l")] double Low,
    [property: JsonPropertyName("c")] double Close,
    [property: JsonPropertyName("v")] double Volume,
    [property: JsonPropertyName("t")] long Time)
{
    public static CandleResponse From(CryptoCandle candle) =>
        new(candle.Open, candle.High, candle.Low, candle.Close, candle.Volume, candle.OpenedAt.ToUnixTimeSeconds());
}
