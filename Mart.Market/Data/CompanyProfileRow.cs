namespace Mart.Market.Data;

/// <summary>A row of <c>company_profiles</c>.</summary>
public sealed class CompanyProfileRow
{
    public required string Symbol { get; init; }

    public required string Name { get; init; }

    public string? Country { get; init; }

    public string? Currency { get; init; }

    public string? Exchange { get; init; }

    public string? Industry { get; init; }

    public DateOnly? Ipo { get; init; }

    public decimal? MarketCapitalization { get; init; }

    public decimal? SharesOutstanding { get; init; }

    public string? LogoUrl { get; init; }

    public string? Phone { get; init; }

    public string? WebUrl { get; init; }

    public required string Provider { get; init; }

    public DateTimeOffset FetchedAt { get; init; }

    public DateTimeOffset ChangedAt { get; init; }
}
