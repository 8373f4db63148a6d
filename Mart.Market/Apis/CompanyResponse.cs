using System.Globalization;
using System.Text.Json.Serialization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>A company profile in Finnhub's field names (capitalisation and shares in millions), plus when Market fetched it.</summary>
public sealed record CompanyResponse(
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("exchange")] string? Exchange,
    [property: JsonPropertyName("finnhubIndustry")] string? FinnhubIndustry,
    [property: JsonPropertyName("ipo")] string? Ipo,
    [property: JsonPropertyName("logo")] string? Logo,
    [property: JsonPropertyName("marketCapitalization")] double? MarketCapitalization,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("shareOutstanding")] double? ShareOutstanding,
    [property: JsonPropertyName("ticker")] string Ticker,
    [property: JsonPropertyName("weburl")] string? WebUrl,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf)
{
    public static CompanyResponse From(CompanyProfile profile, DateTimeOffset asOf) => new(
        profile.Country,
        profile.Currency,
        profile.Exchange,
        profile.Industry,
        profile.Ipo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        profile.Logo,
        profile.MarketCapitalization,
        profile.Name,
        profile.Phone,
        profile.SharesOutstanding,
        profile.Symbol,
        profile.WebUrl,
        asOf);
}
