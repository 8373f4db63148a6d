namespace Mart.Market.Data;

/// <summary>A row of <c>news_symbols</c>: the article appeared in the news of this symbol.</summary>
public sealed class NewsSymbolRow
{
    public required string Provider { get; init; }

    public long NewsId { get; init; }

    public required string Symbol { get; init; }
}
