namespace Mart.Market.Data;

/// <summary>A row of <c>quotes</c>: one price of one symbol at one time.</summary>
public sealed class QuoteRow
{
    public required string Symbol { get; init; }

    public DateTimeOffset QuotedAt { get; init; }

    public decimal Price { get; init; }

    public decimal? Open { get; init; }

    public decimal? High { get; init; }

    public decimal? Low { get; init; }

    public decimal? PreviousClose { get; init; }

    public decimal? Change { get; init; }

    public decimal? ChangePercent { get; init; }

    public required string Provider { get; init; }

    public DateTimeOffset FetchedAt { get; init; }
}
