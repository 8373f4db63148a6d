using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.AppHost.Servers;

/// <summary>PostgreSQL from the machine's binaries as an Aspire executable, with its databases as child resources.</summary>
internal static class LocalPostgresBuilderExtensions
{
    public const string MissingBinariesMessage =
        "PostgreSQL server binaries (initdb, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
        "Install them: Debian/Ubuntu 'sudo apt-get install postgresql', macOS 'brew install postgresql@16', " +
        "Windows 'winget install PostgreSQL.PostgreSQL'. Or use an existing server by setting " +
        "ConnectionStrings__postgres (e.g. 'Host=localhost;Port=5432;Username=postgres;Password=...'), " +
        "or run the containers with AppHost__UseContainers=true.";

    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var bin = ExecutableLocator.FindPostgresBinDirectory() ?? throw new DistributedApplicationException(MissingBinariesMessage);
        var state = StateFolder.From(builder);
        var folder = state.For(name);
        var cluster = new PostgresCluster(bin, state.Path, folder, ServerMode.PostgresServiceUser, ServerMode.IsDurable(builder));
        var password = new ParameterResource($"{name}-password", _ => state.GetOrCreateSecret(name, "password"), secret: true);
        var (command, arguments) = cluster.AsServiceUser([cluster.ServerBinary, .. cluster.ServerArguments()]);
        var server = new LocalPostgresServerResource(name, command, folder, password);

        var port = FreePort.Next();
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new PostgresProbe(server), null, null));
        ChildStateFollower.Register(builder);

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in arguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseStack")
            .OnBeforeResourceStarted(async (resource, e, cancellationToken) =>
            {
                var log = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                var secret = await resource.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
                await cluster.EnsureInitializedAsync(secret!, log, cancellationToken).ConfigureAwait(false);
            })
            .OnResourceReady(async (resource, e, cancellationToken) =>
            {
                // As Aspire's AddDatabase does: the databases exist once the server is healthy, before anyone waiting on them starts.
                var log = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                var adminConnection = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
                foreach (var database in resource.Databases.Values)
                {
                    if (await PostgresDatabaseCreator.EnsureCreatedAsync(adminConnection!, database, cancellationToken).ConfigureAwait(false))
                    {
                        ServerLog.CreatedDatabase(log, database);
                    }
                }
            });
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases[name] = database.DatabaseName;

        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new PostgresProbe(database), null, null));
        return server.ApplicationBuilder.AddResource(database)
            .WithHealthCheck(healthCheck)
            .WithIconName("Database")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new("postgres.database", database.DatabaseName)],
            });
    }
}
