using Microsoft.Extensions.DependencyInjection;

namespace Mart.AppHost.Servers;

/// <summary>A database in a PostgreSQL server given by its connection string: referenced like any other, created at start.</summary>
internal static class ExistingServerDatabaseExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddExistingServerDatabase(
        this IDistributedApplicationBuilder builder, IResourceWithConnectionString server, string name) =>
        builder.AddConnectionString(name, ReferenceExpression.Create($"{server};Database={name}"))
            .OnInitializeResource(async (_, e, cancellationToken) =>
            {
                var log = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
                var adminConnection = await server.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
                if (await PostgresDatabaseCreator.EnsureCreatedAsync(adminConnection!, name, cancellationToken).ConfigureAwait(false))
                {
                    ServerLog.CreatedDatabase(log, name);
                }
            });
}
