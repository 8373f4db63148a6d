namespace Mart.Market.Data;

/// <summary>A row of <c>news_articles</c>.</summary>
public sealed class NewsArticleRow
{
    public required string Provider { get; init; }

    public long Id { get; init; }

    public required string Category { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public required string Headline { get; init; }

    public required string Summary { get; init; }

    public required string Source { get; init; }

    public required string Url { get; init; }

    public string? ImageUrl { get; init; }

    public required string Related { get; init; }

    public DateTimeOffset FetchedAt { get; init; }
}
