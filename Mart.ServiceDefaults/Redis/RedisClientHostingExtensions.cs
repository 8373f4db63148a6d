using Mart.ServiceDefaults.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Aspire puts AddRedisClient in this namespace so it is found without a using directive.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Mart's Redis client, the way Aspire's Redis client integration does.</summary>
public static class RedisClientHostingExtensions
{
    /// <summary>
    /// Reads <c>ConnectionStrings:{connectionName}</c> (e.g. <c>localhost:6379,password=secret</c>) and registers
    /// <see cref="IRedisCommands"/>, <see cref="IRedisConnectionFactory"/> and a readiness health check "redis"
    /// (PING, tagged "ready"). The connection is opened lazily in the background: start-up does not fail while
    /// Redis is down, commands fail fast until it is back.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="connectionName">Name of the connection string (the Redis resource name in the AppHost).</param>
    /// <param name="configureOptions">Adjusts the parsed options (timeouts, client name...).</param>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed.</exception>
    public static IHostApplicationBuilder AddRedisClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<RedisClientOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Redis connection string 'ConnectionStrings:{connectionName}' is missing. Reference the Redis resource from the AppHost " +
                $"(WithReference) or set ConnectionStrings__{connectionName}, e.g. 'localhost:6379,password=...'.");
        }

        RedisClientOptions options;
        try
        {
            options = RedisConnectionString.Parse(connectionString);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Redis connection string 'ConnectionStrings:{connectionName}' is invalid: {ex.Message}", ex);
        }

        options.ClientName ??= builder.Environment.ApplicationName;
        configureOptions?.Invoke(options);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new RedisClient(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.AddSingleton<IRedisCommands>(sp => sp.GetRequiredService<RedisClient>());
        builder.Services.AddSingleton<IRedisConnectionFactory>(sp => sp.GetRequiredService<RedisClient>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
