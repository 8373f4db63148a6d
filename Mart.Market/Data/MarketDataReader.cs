using System.Text.Json;
using Mart.Market.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Market.Data;

/// <summary>
/// Reads stored market data: the quote history, and the last stored value of each kind, which is served (marked stale)
/// when the provider cannot answer and the cache has nothing.
/// </summary>
public sealed class MarketDataReader(MarketDbContext db)
{
    public async Task<StoredDatum<Quote>?> LatestQuoteAsync(string symbol, string provider, CancellationToken cancellationToken)
    {
        var row = await db.Quotes.AsNoTracking()
            .Where(q => q.Symbol == symbol && q.Provider == provider)
            .OrderByDescending(q => q.QuotedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new StoredDatum<Quote>(ToQuote(row), row.FetchedAt);
    }

    /// <summary>The most recent <paramref name="limit"/> quotes in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public async Task<IReadOnlyList<QuoteRow>> QuoteHistoryAsync(
        string symbol, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var latest = await db.Quotes.AsNoTracking()
            .Where(q => q.Symbol == symbol && q.QuotedAt >= from && q.QuotedAt < to)
            .OrderByDescending(q => q.QuotedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    public async Task<StoredDatum<CompanyProfile>?> ProfileAsync(string symbol, string provider, CancellationToken cancellationToken)
    {
        var row = await db.CompanyProfiles.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Symbol == symbol && p.Provider == provider, cancellationToken);
        return row is null
            ? null
            : new StoredDatum<CompanyProfile>(
                new CompanyProfile(
                    row.Symbol, row.Name, row.Country, row.Currency, row.Exchange, row.Industry, row.Ipo,
                    (double?)row.MarketCapitalization, (double?)row.SharesOutstanding, row.LogoUrl, row.Phone, row.WebUrl),
                row.FetchedAt);
    }

    /// <summary>Stored articles of the symbol's news published in the period, newest first; <see langword="null"/> when there are none.</summary>
    public async Task<StoredDatum<IReadOnlyList<NewsArticle>>?> NewsAsync(
        string symbol, string provider, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await (
                from link in db.NewsSymbols
                join article in db.NewsArticles on new { link.Provider, Id = link.NewsId } equals new { article.Provider, article.Id }
                where link.Provider == provider && link.Symbol == symbol && article.PublishedAt >= start && article.PublishedAt < end
                orderby article.PublishedAt descending
                select article)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        IReadOnlyList<NewsArticle> articles =
            [.. rows.Select(r => new NewsArticle(r.Id, r.Category, r.PublishedAt, r.Headline, r.Summary, r.Source, r.Url, r.ImageUrl, r.Related))];
        return new StoredDatum<IReadOnlyList<NewsArticle>>(articles, rows.Max(r => r.FetchedAt));
    }

    public async Task<StoredDatum<ForexRates>?> LatestForexAsync(string baseCurrency, string provider, CancellationToken cancellationToken)
    {
        var row = await db.ForexSnapshots.AsNoTracking()
            .Where(s => s.Base == baseCurrency && s.Provider == provider)
            .OrderByDescending(s => s.QuotedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var rates = JsonSerializer.Deserialize<SortedDictionary<string, double>>(row.Rates) ?? [];
        return new StoredDatum<ForexRates>(new ForexRates(row.Base, rates), row.QuotedAt);
    }

    public async Task<StoredDatum<IReadOnlyList<CryptoCandle>>?> CandlesAsync(
        string symbol, string resolution, string provider, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.CryptoCandles.AsNoTracking()
            .Where(c => c.Provider == provider && c.Symbol == symbol && c.Resolution == resolution && c.OpenedAt >= from && c.OpenedAt <= to)
            .OrderBy(c => c.OpenedAt)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        IReadOnlyList<CryptoCandle> candles =
            [.. rows.Select(r => new CryptoCandle(r.OpenedAt, (double)r.Open, (double)r.High, (double)r.Low, (double)r.Close, (double)r.Volume))];
        return new StoredDatum<IReadOnlyList<CryptoCandle>>(candles, rows.Max(r => r.FetchedAt));
    }

    /// <summary>A stored quote row as the domain's quote.</summary>
    public static Quote ToQuote(QuoteRow row)
    {
        var price = (double)row.Price;
        return new Quote(
            row.Symbol,
            price,
            (double?)row.Change,
            (double?)row.ChangePercent,
            (double?)row.High ?? price,
            (double?)row.Low ?? price,
            (double?)row.Open ?? price,
            (double?)row.PreviousClose ?? price,
            row.QuotedAt);
    }
}
