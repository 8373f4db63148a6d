using System.Text.Json;
using Mart.ServiceDefaults.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Mart.ServiceDefaults.Caching;

/// <summary><see cref="IMartCache"/> over Redis GET/SET with expiry, with single-flight loads per key.</summary>
internal sealed class RedisMartCache(IConnectionMultiplexer connection, SingleFlight flights, IOptions<MartCacheOptions> options, ILogger<RedisMartCache> logger) : IMartCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDatabaseAsync redis = connection.GetDatabase();
    private readonly string prefix = options.Value.KeyPrefix;
    private int unavailable;

    public async Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        var fullKey = FullKey(key);
        var cached = await TryReadAsync<T>(fullKey, cancellationToken);
        if (cached.Found)
        {
            return cached.Value;
        }

        return await flights.RunAsync(
            fullKey,
            async ct =>
            {
                // A run that finished just before this one started has already stored the value: read once more
                // so that late misses do not repeat the load.
                var filled = await TryReadAsync<T>(fullKey, ct);
                if (filled.Found)
                {
                    return filled.Value;
                }

                var value = await load(ct);
                await TryWriteAsync(fullKey, value, timeToLive, ct);
                return value;
            },
            cancellationToken);
    }

    public Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        TryWriteAsync(FullKey(key), value, timeToLive, cancellationToken);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = FullKey(key);
        try
        {
            await redis.KeyDeleteAsync(fullKey).WaitAsync(cancellationToken);
            Available();
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            Failed(fullKey, ex);
        }
    }

    private string FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return prefix + key;
    }

    private async Task<(bool Found, T Value)> TryReadAsync<T>(string fullKey, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = (byte[]?)await redis.StringGetAsync(fullKey).WaitAsync(cancellationToken);
            Available();
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            Failed(fullKey, ex);
            return (false, default!);
        }

        if (bytes is null)
        {
            return (false, default!);
        }

        try
        {
            return (true, JsonSerializer.Deserialize<T>(bytes, Json)!);
        }
        catch (JsonException ex)
        {
            // Typically a value written by an older version of the type; the load replaces it.
            CacheLog.Unreadable(logger, fullKey, typeof(T).Name, ex.Message);
            return (false, default!);
        }
    }

    private async Task TryWriteAsync<T>(string fullKey, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        try
        {
            await redis.StringSetAsync(fullKey, JsonSerializer.SerializeToUtf8Bytes(value, Json), timeToLive).WaitAsync(cancellationToken);
            Available();
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            Failed(fullKey, ex);
        }
    }

    // One warning per outage, not one per request.
    private void Failed(string fullKey, Exception exception)
    {
        if (Interlocked.Exchange(ref unavailable, 1) == 0)
        {
            CacheLog.Unavailable(logger, exception.Message);
        }
        else
        {
            CacheLog.StillUnavailable(logger, fullKey, exception.Message);
        }
    }

    private void Available()
    {
        if (Interlocked.Exchange(ref unavailable, 0) == 1)
        {
            CacheLog.Recovered(logger);
        }
    }
}
