using Mart.AppHost.Servers;

namespace Mart.AppHost;

/// <summary>
/// <c>AddMartPostgres</c> (named apart from Aspire's <c>AddPostgres</c>/<c>AddDatabase</c>, which stay usable): Aspire's PostgreSQL container when publishing (the manifest azd deploys) or when
/// <c>AppHost:UseContainers</c> is true; an existing server when <c>ConnectionStrings:{name}</c> is set; otherwise the
/// machine's own <c>postgres</c>. Every way gives services the same connection string and variables.
/// </summary>
public static class MartPostgresBuilderExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddMartPostgres(this IDistributedApplicationBuilder builder, string name) =>
        ServerMode.For(builder, name) switch
        {
            ServerKind.Container when builder.ExecutionContext.IsRunMode => builder.AddPostgres(name).WithDataVolume(),
            ServerKind.Container => builder.AddPostgres(name),
            ServerKind.Existing => builder.AddConnectionString(name),
            _ => builder.AddLocalPostgres(name),
        };

    /// <summary>A database in the server, created once the server is healthy (for an existing server: at start).</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMartDatabase(this IResourceBuilder<IResourceWithConnectionString> server, string name) =>
        server.Resource switch
        {
            PostgresServerResource container => PostgresBuilderExtensions.AddDatabase(server.ApplicationBuilder.CreateResourceBuilder(container), name),
            LocalPostgresServerResource local => server.ApplicationBuilder.CreateResourceBuilder(local).AddLocalDatabase(name),
            _ => server.ApplicationBuilder.AddExistingServerDatabase(server.Resource, name),
        };
}
