using System.Globalization;
using Mart.Market.Caching;
using Mart.Market.Data;
using Mart.Market.Domain;
using Mart.Market.Providers;
using Mart.Data.Caching;
using Microsoft.Extensions.Options;

namespace Mart.Market.Services;

/// <summary>
/// Serves market data: from a fresh cache entry when there is one; otherwise from the provider, with concurrent
/// requests for the same datum sharing one call, storing and publishing what was fetched; and when the provider cannot
/// answer, from the last cached or stored value, marked stale.
/// </summary>
public sealed partial class MarketDataService(
    IMarketDataProvider provider,
    MarketCache cache,
    SingleFlight flights,
    IServiceScopeFactory scopes,
    IOptions<MarketCacheOptions> cacheOptions,
    MarketMetrics metrics,
    TimeProvider timeProvider,
    ILogger<MarketDataService> logger)
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The quote of <paramref name="symbol"/>; <paramref name="maxAge"/> narrows freshness below the quote TTL (the watchlist uses it).</summary>
    public Task<MarketResult<Quote>> GetQuoteAsync(string symbol, CancellationToken cancellationToken, TimeSpan? maxAge = null) =>
        GetAsync(
            new MarketQuery<Quote>(
                MarketDataKind.Quote,
                $"quote:{symbol}",
                ct => provider.GetQuoteAsync(symbol, ct),
                (writer, quote, fetchedAt, ct) => writer.SaveQuoteAsync(quote, provider.Name, fetchedAt, ct),
                (reader, ct) => reader.LatestQuoteAsync(symbol, provider.Name, ct)),
            maxAge,
            cancellationToken);

    public Task<MarketResult<CompanyProfile>> GetProfileAsync(string symbol, CancellationToken cancellationToken) =>
        GetAsync(
            new MarketQuery<CompanyProfile>(
                MarketDataKind.Profile,
                $"profile:{symbol}",
                ct => provider.GetCompanyProfileAsync(symbol, ct),
                (writer, profile, fetchedAt, ct) => writer.SaveProfileAsync(profile, provider.Name, fetchedAt, ct),
                (reader, ct) => reader.ProfileAsync(symbol, provider.Name, ct)),
            null,
            cancellationToken);

    public Task<MarketResult<IReadOnlyList<NewsArticle>>> GetNewsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        GetAsync(
            new MarketQuery<IReadOnlyList<NewsArticle>>(
                MarketDataKind.News,
                $"news:{symbol}:{Day(from)}:{Day(to)}",
                async ct => await provider.GetCompanyNewsAsync(symbol, from, to, ct),
                (writer, articles, fetchedAt, ct) => writer.SaveNewsAsync(symbol, articles, provider.Name, fetchedAt, ct),
                (reader, ct) => reader.NewsAsync(symbol, provider.Name, from, to, ct)),
            null,
            cancellationToken);

    public Task<MarketResult<ForexRates>> GetForexAsync(string baseCurrency, CancellationToken cancellationToken) =>
        GetAsync(
            new MarketQuery<ForexRates>(
                MarketDataKind.Forex,
                $"forex:{baseCurrency}",
                ct => provider.GetForexRatesAsync(baseCurrency, ct),
                (writer, rates, fetchedAt, ct) => writer.SaveForexAsync(rates, provider.Name, fetchedAt, ct),
                (reader, ct) => reader.LatestForexAsync(baseCurrency, provider.Name, ct)),
            null,
            cancellationToken);

    public Task<MarketResult<IReadOnlyList<CryptoCandle>>> GetCryptoCandlesAsync(
        string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        GetAsync(
            new MarketQuery<IReadOnlyList<CryptoCandle>>(
                MarketDataKind.Crypto,
                $"crypto:{symbol}:{resolution}:{from.ToUnixTimeSeconds()}:{to.ToUnixTimeSeconds()}",
                async ct => await provider.GetCryptoCandlesAsync(symbol, resolution, from, to, ct),
                (writer, candles, fetchedAt, ct) => writer.SaveCandlesAsync(symbol, resolution, candles, provider.Name, fetchedAt, ct),
                (reader, ct) => reader.CandlesAsync(symbol, resolution, provider.Name, from, to, ct)),
            null,
            cancellationToken);

    private async Task<MarketResult<T>> GetAsync<T>(MarketQuery<T> query, TimeSpan? maxAge, CancellationToken cancellationToken)
        where T : class
    {
        var timeToLive = cacheOptions.Value.TtlOf(query.Kind);
        var freshFor = maxAge is { } age && age < timeToLive ? age : timeToLive;

        // Keys name the provider: switching providers never serves one's data as the other's.
        var key = $"{provider.Name}:{query.Key}";
        var cached = await cache.GetAsync<T>(key, cancellationToken);
        var result = cached is not null && cached.IsFresh(timeProvider.GetUtcNow(), freshFor)
            ? FromCache(cached, CacheStatus.Hit)
            : await flights.RunAsync(key, ct => LoadAsync(query, key, timeToLive, freshFor, ct), cancellationToken);
        metrics.Served(query.Kind, result.Outcome, result.Cache);
        return result;
    }

    // Runs once per key at a time; every concurrent request for the key waits for this one result.
    private async Task<MarketResult<T>> LoadAsync<T>(MarketQuery<T> query, string key, TimeSpan timeToLive, TimeSpan freshFor, CancellationToken cancellationToken)
        where T : class
    {
        // A load that finished just before this one started has refreshed the entry already.
        var cached = await cache.GetAsync<T>(key, cancellationToken);
        if (cached is not null && cached.IsFresh(timeProvider.GetUtcNow(), freshFor))
        {
            return FromCache(cached, CacheStatus.Hit);
        }

        T? value;
        try
        {
            value = await query.Fetch(cancellationToken);
        }
        catch (UpstreamUnavailableException ex)
        {
            return await StaleAsync(query, cached, ex, cancellationToken);
        }

        var fetchedAt = timeProvider.GetUtcNow();
        if (value is not null)
        {
            await StoreAsync(query, value, fetchedAt, cancellationToken);
        }

        await cache.SetAsync(key, new CachedDatum<T>(value, value is not null, fetchedAt), timeToLive, cancellationToken);
        return value is null ? MarketResult<T>.NotFound(CacheStatus.Miss, fetchedAt) : MarketResult<T>.Found(value, CacheStatus.Miss, fetchedAt);
    }

    private async Task StoreAsync<T>(MarketQuery<T> query, T value, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var events = await query.Save(scope.ServiceProvider.GetRequiredService<MarketDataWriter>(), value, fetchedAt, cancellationToken);
            LogStored(logger, query.Kind, query.Key, events);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The caller still gets the fresh value; only history and events miss this one datum.
            LogNotStored(logger, ex, query.Kind, query.Key);
        }
    }

    private async Task<MarketResult<T>> StaleAsync<T>(MarketQuery<T> query, CachedDatum<T>? cached, UpstreamUnavailableException failure, CancellationToken cancellationToken)
        where T : class
    {
        LogUpstreamUnavailable(logger, query.Kind, query.Key, failure.Message);
        if (cached is not null)
        {
            return FromCache(cached, CacheStatus.Stale);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var stored = await query.Fallback(scope.ServiceProvider.GetRequiredService<MarketDataReader>(), cancellationToken);
            if (stored is not null)
            {
                return MarketResult<T>.Found(stored.Value, CacheStatus.Stale, stored.FetchedAt);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallbackFailed(logger, ex, query.Kind, query.Key);
        }

        return MarketResult<T>.Unavailable(failure.RetryAfter ?? DefaultRetryAfter, failure.Message);
    }

    private static MarketResult<T> FromCache<T>(CachedDatum<T> cached, CacheStatus status)
        where T : class =>
        cached.Found && cached.Value is not null
            ? MarketResult<T>.Found(cached.Value, status, cached.FetchedAt)
            : MarketResult<T>.NotFound(status, cached.FetchedAt);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Kind} {Key}; {Events} event(s) queued")]
    private static partial void LogStored(ILogger logger, MarketDataKind kind, string key, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Kind} {Key}; it is served but missing from the history")]
    private static partial void LogNotStored(ILogger logger, Exception exception, MarketDataKind kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider unavailable for {Kind} {Key} ({Reason}); serving the last known value if there is one")]
    private static partial void LogUpstreamUnavailable(ILogger logger, MarketDataKind kind, string key, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read stored {Kind} {Key} to serve it stale")]
    private static partial void LogFallbackFailed(ILogger logger, Exception exception, MarketDataKind kind, string key);
}
