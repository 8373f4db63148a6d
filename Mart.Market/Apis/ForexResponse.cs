using System.Text.Json.Serialization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>Rates from one base currency in Finnhub's shape (<c>quote</c>: currency to units per one unit of base).</summary>
public sealed record ForexResponse(
    [property: JsonPropertyName("base")] string Base,
    [property: JsonPropertyName("quote")] IReadOnlyDictionary<string, double> Quote,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf)
{
    public static ForexResponse From(ForexRates rates, DateTimeOffset asOf) => new(rates.Base, rates.Rates, asOf);
}
