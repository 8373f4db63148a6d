using System.Globalization;
using Mart.Market.Caching;
using Mart.Market.Data;
using Mart.Market.Domain;
using Mart.Market.Providers;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Mart.Market.Services;

/// <summary>
/// Serves market data: from the cache while fresh; otherwise from the provider (concurrent requests for one datum share
/// one call), storing and publishing what was fetched; and when the provider cannot answer, from the last cached or
/// stored value, marked stale.
/// </summary>
public sealed partial class MarketDataService(
    IMarketDataProvider provider,
    IFusionCache cache,
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
        var settings = cacheOptions.Value;
        var timeToLive = settings.TtlOf(query.Kind);

        // Keys name the provider: switching providers never serves one's data as the other's.
        var key = $"{provider.Name}:{query.Key}";
        var entry = cache.CreateEntryOptions(options =>
        {
            options.Duration = timeToLive;
            options.SetFailSafe(true, timeToLive + settings.StaleRetention, settings.StaleRetryInterval);

            // Redis only, as replicas share it: a copy in memory would need the backplane to learn of every refresh.
            options.SetSkipMemoryCache(true);
            options.SkipBackplaneNotifications = true;
        });

        var result = await ReadAsync(query, key, timeToLive, entry, cancellationToken);
        if (maxAge is { } age && result.Cache == CacheStatus.Hit && timeProvider.GetUtcNow() - result.AsOf >= age)
        {
            // Fresh for the cache but not for this caller: expired, it stays the fallback while the provider is asked.
            await cache.ExpireAsync(key, entry, cancellationToken);
            result = await ReadAsync(query, key, timeToLive, entry, cancellationToken);
        }

        metrics.Served(query.Kind, result.Outcome, result.Cache);
        return result;
    }

    private async Task<MarketResult<T>> ReadAsync<T>(
        MarketQuery<T> query, string key, TimeSpan timeToLive, FusionCacheEntryOptions entry, CancellationToken cancellationToken)
        where T : class
    {
        // A fresh entry is read without the per-key lock GetOrSet takes: with the memory layer skipped, that lock would
        // queue every request for one symbol behind one Redis round trip at a time.
        var cached = await cache.TryGetAsync<CachedDatum<T>>(key, entry, cancellationToken);
        if (cached.HasValue && timeProvider.GetUtcNow() - cached.Value.FetchedAt < timeToLive)
        {
            return Answer(cached.Value, CacheStatus.Hit);
        }

        // Set only in the request whose load ran; requests that waited for it read the entry it left.
        var status = CacheStatus.Hit;
        UpstreamUnavailableException? failure = null;
        CachedDatum<T> datum;
        try
        {
            datum = await cache.GetOrSetAsync<CachedDatum<T>>(
                key,
                async (context, ct) =>
                {
                    try
                    {
                        var fetched = await FetchAsync(query, ct);
                        status = CacheStatus.Miss;
                        return fetched;
                    }
                    catch (UpstreamUnavailableException ex)
                    {
                        failure = ex;
                        LogUpstreamUnavailable(logger, query.Kind, query.Key, ex.Message);
                        if (context.HasStaleValue || await StoredAsync(query, ct) is not { } stored)
                        {
                            // The cache answers with its stale entry (fail-safe), or the request with 503.
                            throw;
                        }

                        // Kept only until the provider is asked again, so concurrent requests share it.
                        context.Options.Duration = cacheOptions.Value.StaleRetryInterval;
                        status = CacheStatus.Stale;
                        return new CachedDatum<T>(stored.Value, stored.FetchedAt);
                    }
                },
                entry,
                cancellationToken);
        }
        catch (Exception) when (failure is not null)
        {
            return MarketResult<T>.Unavailable(failure.RetryAfter ?? DefaultRetryAfter, failure.Message);
        }

        // A value older than its time to live is only served while the provider fails.
        if (status == CacheStatus.Hit && (failure is not null || timeProvider.GetUtcNow() - datum.FetchedAt >= timeToLive))
        {
            status = CacheStatus.Stale;
        }

        return Answer(datum, status);
    }

    private static MarketResult<T> Answer<T>(CachedDatum<T> datum, CacheStatus status)
        where T : class =>
        datum.Value is null
            ? MarketResult<T>.NotFound(status, datum.FetchedAt)
            : MarketResult<T>.Found(datum.Value, status, datum.FetchedAt);

    private async Task<CachedDatum<T>> FetchAsync<T>(MarketQuery<T> query, CancellationToken cancellationToken)
        where T : class
    {
        var value = await query.Fetch(cancellationToken);
        var fetchedAt = timeProvider.GetUtcNow();
        if (value is not null)
        {
            await StoreAsync(query, value, fetchedAt, cancellationToken);
        }

        return new CachedDatum<T>(value, fetchedAt);
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

    // The last value stored in the database, for when the cache has none to fall back on.
    private async Task<StoredDatum<T>?> StoredAsync<T>(MarketQuery<T> query, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await query.Fallback(scope.ServiceProvider.GetRequiredService<MarketDataReader>(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallbackFailed(logger, ex, query.Kind, query.Key);
            return null;
        }
    }

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
