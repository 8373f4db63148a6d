using Mart.Market.Domain;

namespace Mart.Market.Providers;

/// <summary>
/// A source of market data. <see langword="null"/> (or an empty list) means the source has no data for the request;
/// a source that cannot answer right now throws <see cref="UpstreamUnavailableException"/>.
/// </summary>
public interface IMarketDataProvider
{
    /// <summary>Stored with every datum (e.g. <c>finnhub</c>, <c>simulated</c>), so data from different sources never mix.</summary>
    string Name { get; }

    Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken);

    Task<CompanyProfile?> GetCompanyProfileAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Articles published between <paramref name="from"/> and <paramref name="to"/> (both days included), newest first.</summary>
    Task<IReadOnlyList<NewsArticle>> GetCompanyNewsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    Task<ForexRates?> GetForexRatesAsync(string baseCurrency, CancellationToken cancellationToken);

    /// <summary>Candles opened between <paramref name="from"/> and <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<CryptoCandle>> GetCryptoCandlesAsync(
        string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
