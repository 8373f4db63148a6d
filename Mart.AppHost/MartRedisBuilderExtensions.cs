using Mart.AppHost.Servers;

namespace Mart.AppHost;

/// <summary>
/// <c>AddMartRedis</c>: Aspire's Redis container when publishing or when <c>AppHost:UseContainers</c> is true; an
/// existing server when <c>ConnectionStrings:{name}</c> is set; otherwise the machine's own <c>redis-server</c>.
/// </summary>
public static class MartRedisBuilderExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddMartRedis(this IDistributedApplicationBuilder builder, string name) =>
        ServerMode.For(builder, name) switch
        {
            ServerKind.Container when builder.ExecutionContext.IsRunMode => builder.AddRedis(name).WithDataVolume(),
            ServerKind.Container => builder.AddRedis(name),
            ServerKind.Existing => builder.AddConnectionString(name),
            _ => builder.AddLocalRedis(name),
        };
}
