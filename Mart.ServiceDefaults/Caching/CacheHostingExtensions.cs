using Mart.ServiceDefaults.Caching;
using Mart.ServiceDefaults.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers <see cref="IMartCache"/>.</summary>
public static class CacheHostingExtensions
{
    /// <summary>
    /// Adds <see cref="IMartCache"/> over the <c>IConnectionMultiplexer</c> registered by <c>AddRedisClient</c>. Keys are prefixed with
    /// <paramref name="keyPrefix"/> (e.g. <c>market:</c>) unless <c>Mart:Cache:KeyPrefix</c> is configured.
    /// </summary>
    public static IHostApplicationBuilder AddMartCache(this IHostApplicationBuilder builder, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        builder.Services.AddOptions<MartCacheOptions>()
            .Configure(options => options.KeyPrefix = keyPrefix)
            .BindConfiguration(MartCacheOptions.SectionName);
        builder.Services.AddRedisFailFast();
        builder.Services.TryAddSingleton<SingleFlight>();
        builder.Services.TryAddSingleton<IMartCache, RedisMartCache>();
        return builder;
    }
}
