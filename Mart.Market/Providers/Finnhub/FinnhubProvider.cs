using System.Globalization;
using Mart.Market.Domain;

namespace Mart.Market.Providers.Finnhub;

/// <summary>Market data from Finnhub's REST API, mapped from its documented shapes to Market's domain.</summary>
public sealed class FinnhubProvider(FinnhubClient client) : IMarketDataProvider
{
    public string Name => "finnhub";

    public async Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        var quote = await client.GetAsync<FinnhubQuote>($"quote?symbol={Uri.EscapeDataString(symbol)}", cancellationToken);

        // An unknown symbol is answered with zeros (and nulls) rather than 404.
        if (quote.Current is not { } current || quote.Time is not { } time || (current == 0 && time == 0))
        {
            return null;
        }

        return new Quote(
            symbol,
            current,
            quote.Change,
            quote.PercentChange,
            quote.High ?? current,
            quote.Low ?? current,
            quote.Open ?? current,
            quote.PreviousClose ?? current,
            DateTimeOffset.FromUnixTimeSeconds(time));
    }

    public async Task<CompanyProfile?> GetCompanyProfileAsync(string symbol, CancellationToken cancellationToken)
    {
        var profile = await client.GetAsync<FinnhubProfile>($"stock/profile2?symbol={Uri.EscapeDataString(symbol)}", cancellationToken);

        // An unknown symbol is answered with {}.
        if (string.IsNullOrWhiteSpace(profile.Name) && string.IsNullOrWhiteSpace(profile.Ticker))
        {
            return null;
        }

        return new CompanyProfile(
            symbol,
            profile.Name ?? symbol,
            Blank(profile.Country),
            Blank(profile.Currency),
            Blank(profile.Exchange),
            Blank(profile.Industry),
            DateOnly.TryParseExact(profile.Ipo, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ipo) ? ipo : null,
            profile.MarketCapitalization,
            profile.ShareOutstanding,
            Blank(profile.Logo),
            Blank(profile.Phone),
            Blank(profile.WebUrl));
    }

    public async Task<IReadOnlyList<NewsArticle>> GetCompanyNewsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var items = await client.GetAsync<List<FinnhubNewsItem>>(
            $"company-news?symbol={Uri.EscapeDataString(symbol)}&from={Day(from)}&to={Day(to)}",
            cancellationToken);
        return items
            .Where(item => item.Id != 0 && !string.IsNullOrWhiteSpace(item.Headline))
            .Select(item => new NewsArticle(
                item.Id,
                item.Category ?? "company",
                DateTimeOffset.FromUnixTimeSeconds(item.Datetime),
                item.Headline!,
                item.Summary ?? string.Empty,
                item.Source ?? string.Empty,
                item.Url ?? string.Empty,
                Blank(item.Image),
                string.IsNullOrWhiteSpace(item.Related) ? symbol : item.Related))
            .DistinctBy(article => article.Id)
            .OrderByDescending(article => article.PublishedAt)
            .ToList();
    }

    public async Task<ForexRates?> GetForexRatesAsync(string baseCurrency, CancellationToken cancellationToken)
    {
        var rates = await client.GetAsync<FinnhubForexRates>($"forex/rates?base={Uri.EscapeDataString(baseCurrency)}", cancellationToken);
        return rates.Quote is { Count: > 0 } quote
            ? new ForexRates(baseCurrency, new SortedDictionary<string, double>(quote, StringComparer.Ordinal))
            : null;
    }

    public async Task<IReadOnlyList<CryptoCandle>> GetCryptoCandlesAsync(
        string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var candles = await client.GetAsync<FinnhubCandles>(
            $"crypto/candle?symbol={Uri.EscapeDataString(symbol)}&resolution={resolution}&from={from.ToUnixTimeSeconds()}&to={to.ToUnixTimeSeconds()}",
            cancellationToken);
        if (candles.Status != "ok" || candles.Time is not { } times)
        {
            return [];
        }

        if (candles.Open?.Length != times.Length || candles.High?.Length != times.Length || candles.Low?.Length != times.Length
            || candles.Close?.Length != times.Length || candles.Volume?.Length != times.Length)
        {
            throw new UpstreamUnavailableException("Finnhub sent candle arrays of different lengths.");
        }

        return [.. times
            .Select((time, i) => new CryptoCandle(
                DateTimeOffset.FromUnixTimeSeconds(time), candles.Open[i], candles.High[i], candles.Low[i], candles.Close[i], candles.Volume[i]))
            .OrderBy(candle => candle.OpenedAt)];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
