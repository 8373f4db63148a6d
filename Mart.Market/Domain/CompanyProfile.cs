namespace Mart.Market.Domain;

/// <summary>A listed company (the fields of Finnhub's <c>/stock/profile2</c>).</summary>
/// <param name="MarketCapitalization">In millions of <paramref name="Currency"/>, as the provider reports it.</param>
/// <param name="SharesOutstanding">In millions.</param>
public sealed record CompanyProfile(
    string Symbol,
    string Name,
    string? Country,
    string? Currency,
    string? Exchange,
    string? Industry,
    DateOnly? Ipo,
    double? MarketCapitalization,
    double? SharesOutstanding,
    string? Logo,
    string? Phone,
    string? WebUrl);
