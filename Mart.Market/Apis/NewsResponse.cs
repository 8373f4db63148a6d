using System.Text.Json.Serialization;
using Mart.Market.Domain;

namespace Mart.Market.Apis;

/// <summary>A company's news for a period, newest first.</summary>
public sealed record NewsResponse(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf,
    [property: JsonPropertyName("articles")] IReadOnlyList<NewsArticleResponse> Articles);

/// <summary>One article in Finnhub's field names (<c>datetime</c> in unix seconds).</summary>
public sealed record NewsArticleResponse(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("datetime")] long Datetime,
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("related")] string Related,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("url")] string Url)
{
    public static NewsArticleResponse From(NewsArticle article) => new(
        article.Category, article.PublishedAt.ToUnixTimeSeconds(), article.Headline, article.Id, article.Image ?? string.Empty,
        article.Related, article.Source, article.Summary, article.Url);
}
