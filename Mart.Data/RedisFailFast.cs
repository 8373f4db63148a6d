using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Mart.Data;

/// <summary>How Mart's building blocks want the multiplexer that <c>AddRedisClient</c> registers to behave.</summary>
public static class RedisFailFast
{
    /// <summary>While Redis is unreachable, commands fail at once instead of queueing: the cache answers from the
    /// source, and the relay and consumers back off on their own.</summary>
    public static IServiceCollection AddRedisFailFast(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.PostConfigure<ConfigurationOptions>(options => options.BacklogPolicy = BacklogPolicy.FailFast);
        return services;
    }

    /// <summary>True for an unreachable or failing Redis (StackExchange.Redis's timeout is not a
    /// RedisException).</summary>
    public static bool IsRedisFailure(Exception exception) => exception is RedisException or RedisTimeoutException;
}
