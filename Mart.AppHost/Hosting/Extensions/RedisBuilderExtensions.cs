using Microsoft.Extensions.Configuration;

namespace Mart.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>The port Redis gets when ports are not randomised; not 6379, so a system Redis can keep running.</summary>
    public const int DefaultPort = 63790;

    /// <summary>Adds a Redis server. A configured <c>ConnectionStrings:{name}</c> points it at an existing server.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var redis = new RedisResource(name);
        redis.PrimaryEndpoint = new EndpointReference(redis, "tcp", "tcp", port ?? DefaultPort);
        redis.ExistingConnectionString = builder.Configuration.GetConnectionString(name);
        return builder.AddResource(redis);
    }
}
