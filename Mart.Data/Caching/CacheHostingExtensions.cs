using System.Text.Json;
using Mart.Data;
using Mart.Data.Caching;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Mart.Data.Caching;

/// <summary>The service's cache: FusionCache in memory over Redis, Redis pub/sub keeping replicas in step.</summary>
public static class CacheHostingExtensions
{
    /// <summary>How long a replica keeps a value in its own memory before it asks Redis again.</summary>
    /// <remarks>Bounds what a lost eviction costs: a copy outlives a removal it missed by at most this.</remarks>
    public static readonly TimeSpan MemoryDuration = TimeSpan.FromSeconds(30);

    /// <summary>Adds the <c>IFusionCache</c>; its Redis keys and channel start with <paramref name="name"/>.</summary>
    /// <remarks>
    /// A removal has left Redis when it returns; the other replicas hear of it in the background. With Redis down,
    /// reads go to memory and the loader and nothing fails. Writers also hand removed keys to
    /// <see cref="SettledRemovals"/>, which removes a stale value a racing load cached.
    /// </remarks>
    public static IHostApplicationBuilder AddMartCache(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddRedisFailFast();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SettledRemovals>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SettledRemovals>());

        // FusionCache logs every call at Information; its warnings and errors (Redis unreachable) stay.
        builder.Logging.AddFilter("ZiggyCreatures.Caching.Fusion", LogLevel.Warning);
        builder.Services.AddFusionCache()
            .WithOptions(options =>
            {
                // The service's one cache is FusionCache's default (the IFusionCache service); the name goes into the
                // keys and the channel, so services sharing one Redis never see each other's values or removals.
                options.CacheKeyPrefix = name + ":";
                options.BackplaneChannelPrefix = name;

                // The first removal must reach the replicas that are already running.
                options.WaitForInitialBackplaneSubscribe = true;

                // With Redis down, one failed call opens the breaker: requests do not each wait on Redis meanwhile.
                options.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                options.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                options.DistributedCacheErrorsLogLevel = LogLevel.Warning;
                options.BackplaneErrorsLogLevel = LogLevel.Warning;
            })
            .WithDefaultEntryOptions(entry =>
            {
                entry.MemoryCacheDuration = MemoryDuration;

                // A removal has reached Redis when it returns; only the other replicas hear of it in the background.
                entry.AllowBackgroundDistributedCacheOperations = false;
            })
            // Fields too (value tuples keep their values in fields), as FusionCache checks of its serializer at start.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web) { IncludeFields = true }))
            .WithDistributedCache(services => new RedisCache(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()),
            }))
            .WithBackplane(services => new RedisBackplane(
                new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()),
                },
                services.GetRequiredService<ILogger<RedisBackplane>>()));
        return builder;
    }
}
