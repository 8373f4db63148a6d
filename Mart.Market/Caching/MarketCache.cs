using System.Text.Json;
using Mart.Data;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Mart.Market.Caching;

/// <summary>
/// Market data in Redis. Unlike a plain cache-aside, an entry outlives its time to live (by
/// <see cref="MarketCacheOptions.StaleRetention"/>): freshness is judged from the fetch time it carries, and an expired
/// entry is still there to be served as stale when the provider is down. Redis being unavailable is a miss, never an error.
/// </summary>
public sealed partial class MarketCache(IConnectionMultiplexer connection, IOptions<MarketCacheOptions> options, ILogger<MarketCache> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDatabaseAsync redis = connection.GetDatabase();
    private readonly MarketCacheOptions settings = options.Value;
    private int unavailable;

    /// <summary>The entry under <paramref name="key"/>, fresh or not; <see langword="null"/> when absent, unreadable or Redis is unavailable.</summary>
    public async Task<CachedDatum<T>?> GetAsync<T>(string key, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = (byte[]?)await redis.StringGetAsync(settings.KeyPrefix + key).WaitAsync(cancellationToken);
            Available();
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            Failed(ex);
            return null;
        }

        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CachedDatum<T>>(bytes, Json);
        }
        catch (JsonException ex)
        {
            // Written by an older shape of the type: a miss, and the next fetch overwrites it.
            LogUnreadable(logger, key, ex.Message);
            return null;
        }
    }

    /// <summary>Stores <paramref name="datum"/>; kept for <paramref name="timeToLive"/> plus the stale retention.</summary>
    public async Task SetAsync<T>(string key, CachedDatum<T> datum, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            await redis.StringSetAsync(
                settings.KeyPrefix + key,
                JsonSerializer.SerializeToUtf8Bytes(datum, Json),
                timeToLive + settings.StaleRetention).WaitAsync(cancellationToken);
            Available();
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            Failed(ex);
        }
    }

    // One warning per outage rather than one per request.
    private void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref unavailable, 1) == 0)
        {
            LogUnavailable(logger, exception.Message);
        }
    }

    private void Available()
    {
        if (Interlocked.Exchange(ref unavailable, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market cache unavailable ({Reason}); every read goes to the provider until Redis answers")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Market cache available again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cached market data under {Key} is unreadable ({Reason}); treating it as a miss")]
    private static partial void LogUnreadable(ILogger logger, string key, string reason);
}
