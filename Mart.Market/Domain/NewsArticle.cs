namespace Mart.Market.Domain;

/// <summary>One news article about a company (an item of Finnhub's <c>/company-news</c>).</summary>
/// <param name="Id">The provider's id; articles are deduplicated by it.</param>
/// <param name="Related">Symbols the article is about, comma-separated as the provider sends them.</param>
public sealed record NewsArticle(
    long Id,
    string Category,
    DateTimeOffset PublishedAt,
    string Headline,
    string Summary,
    string Source,
    string Url,
    string? Image,
    string Related)
{
    /// <summary><see cref="Related"/> as a list.</summary>
    public IReadOnlyList<string> RelatedSymbols() =>
        Related.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
