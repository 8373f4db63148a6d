using Mart.Market.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Market.Providers.Simulation;

/// <summary>
/// Market data computed from a seed instead of fetched, so Market works offline and its output is reproducible:
/// the same seed, symbol and time give the same answer in every process.
/// </summary>
public sealed class SimulatedProvider : IMarketDataProvider
{
    private readonly TimeProvider timeProvider;
    private readonly SimulatedPrices prices;
    private readonly SimulatedCompanies companies;
    private readonly SimulatedNews news;
    private readonly SimulatedForex forex;

    public SimulatedProvider(IOptions<SimulationOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        this.timeProvider = timeProvider;
        prices = new SimulatedPrices(settings.Seed, settings.QuoteStep);
        companies = new SimulatedCompanies(settings.Seed, prices);
        news = new SimulatedNews(settings.Seed, prices, companies);
        forex = new SimulatedForex(settings.Seed);
    }

    public string Name => "simulated";

    public Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        Task.FromResult<Quote?>(prices.QuoteAt(symbol, timeProvider.GetUtcNow()));

    public Task<CompanyProfile?> GetCompanyProfileAsync(string symbol, CancellationToken cancellationToken) =>
        Task.FromResult<CompanyProfile?>(companies.ProfileOf(symbol, timeProvider.GetUtcNow()));

    public Task<IReadOnlyList<NewsArticle>> GetCompanyNewsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult(news.Between(symbol, from, to, timeProvider.GetUtcNow()));

    public Task<ForexRates?> GetForexRatesAsync(string baseCurrency, CancellationToken cancellationToken) =>
        Task.FromResult<ForexRates?>(forex.RatesAt(baseCurrency, timeProvider.GetUtcNow()));

    public Task<IReadOnlyList<CryptoCandle>> GetCryptoCandlesAsync(
        string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult(prices.Candles(symbol, resolution, from, to, timeProvider.GetUtcNow()));
}
