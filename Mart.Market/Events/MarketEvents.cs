using Google.Protobuf.WellKnownTypes;
using Mart.Contracts;
using Mart.Market.Domain;

namespace Mart.Market.Events;

/// <summary>The v1 market events (Contracts/market.proto) for freshly fetched data.</summary>
public static class MarketEvents
{
    public static QuoteUpdated QuoteUpdated(Quote quote) => new()
    {
        Symbol = quote.Symbol,
        Current = quote.Current,
        Change = quote.Change ?? 0,
        PercentChange = quote.PercentChange ?? 0,
        High = quote.High,
        Low = quote.Low,
        Open = quote.Open,
        PreviousClose = quote.PreviousClose,
        QuotedAt = Timestamp.FromDateTimeOffset(quote.QuotedAt),
    };

    public static CompanyProfileUpdated ProfileUpdated(CompanyProfile profile) => new()
    {
        Symbol = profile.Symbol,
        Name = profile.Name,
        Country = profile.Country ?? string.Empty,
        Currency = profile.Currency ?? string.Empty,
        Exchange = profile.Exchange ?? string.Empty,
        Industry = profile.Industry ?? string.Empty,
        Ipo = profile.Ipo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        MarketCapitalization = profile.MarketCapitalization ?? 0,
        SharesOutstanding = profile.SharesOutstanding ?? 0,
        LogoUrl = profile.Logo ?? string.Empty,
        WebUrl = profile.WebUrl ?? string.Empty,
        Phone = profile.Phone ?? string.Empty,
    };

    public static NewsPublished NewsPublished(NewsArticle article)
    {
        var published = new NewsPublished
        {
            NewsId = article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Category = article.Category,
            Headline = article.Headline,
            Summary = article.Summary,
            Source = article.Source,
            Url = article.Url,
            ImageUrl = article.Image ?? string.Empty,
            PublishedAt = Timestamp.FromDateTimeOffset(article.PublishedAt),
        };
        published.Related.AddRange(article.RelatedSymbols());
        return published;
    }

    public static ForexUpdated ForexUpdated(ForexRates rates, DateTimeOffset quotedAt)
    {
        var updated = new ForexUpdated { BaseCurrency = rates.Base, QuotedAt = Timestamp.FromDateTimeOffset(quotedAt) };
        foreach (var (currency, rate) in rates.Rates)
        {
            updated.Rates[currency] = rate;
        }

        return updated;
    }

    public static CryptoUpdated CryptoUpdated(string symbol, string resolution, CryptoCandle candle) => new()
    {
        Symbol = symbol,
        Resolution = resolution,
        Open = candle.Open,
        High = candle.High,
        Low = candle.Low,
        Close = candle.Close,
        Volume = candle.Volume,
        CandleAt = Timestamp.FromDateTimeOffset(candle.OpenedAt),
    };
}
