using Microsoft.Extensions.Configuration;

namespace Mart.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>The port a PostgreSQL server gets when ports are not randomised; chosen so it does not collide with a system server on 5432.</summary>
    public const int DefaultPort = 54320;

    /// <summary>Adds a PostgreSQL server. A configured <c>ConnectionStrings:{name}</c> points it at an existing server.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var server = new PostgresServerResource(name);
        server.PrimaryEndpoint = new EndpointReference(server, "tcp", "tcp", port ?? DefaultPort);
        server.ExistingConnectionString = builder.Configuration.GetConnectionString(name);
        return builder.AddResource(server);
    }

    /// <summary>Adds a database to the server; it is created when the server first becomes healthy.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        database.Annotations.WaitsFor.Add(builder.Resource);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
