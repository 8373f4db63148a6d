using System.Text.Json.Nodes;

namespace Mart.Hosting.Publishing;

/// <summary>The manifest entries of one resource, in the shapes Aspire writes for the same resource types.</summary>
internal static class ManifestEntries
{
    public static IEnumerable<(string Name, JsonObject Entry)> For(IResource resource, string manifestFolder) => resource switch
    {
        PostgresServerResource postgres => Postgres(postgres),
        PostgresDatabaseResource database =>
            [(database.Name, new JsonObject { ["type"] = "value.v0", ["connectionString"] = $"{{{database.Parent.Name}.connectionString}};Database={database.DatabaseName}" })],
        RedisResource redis => Redis(redis),
        ProjectResource project => [(project.Name, Project(project, manifestFolder))],
        ParameterResource parameter => [(parameter.Name, Parameter(parameter.Name, parameter.Secret, generate: false))],
        ConnectionStringResource connection =>
            [(connection.Name, new JsonObject { ["type"] = "parameter.v0", ["connectionString"] = $"{{{connection.Name}.value}}", ["value"] = $"{{{connection.Name}.inputs.value}}", ["inputs"] = Inputs(secret: true, generate: false) })],
        _ => [],
    };

    private static IEnumerable<(string, JsonObject)> Postgres(PostgresServerResource postgres)
    {
        var password = $"{postgres.Name}-password";
        yield return (postgres.Name, new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = $"Host={{{postgres.Name}.bindings.tcp.host}};Port={{{postgres.Name}.bindings.tcp.port}};Username={postgres.UserName};Password={{{password}.value}}",
            ["image"] = "docker.io/library/postgres:17.6",
            ["env"] = new JsonObject
            {
                ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
                ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                ["POSTGRES_USER"] = postgres.UserName,
                ["POSTGRES_PASSWORD"] = $"{{{password}.value}}",
            },
            ["bindings"] = TcpBinding(5432),
        });
        yield return (password, Parameter(password, secret: true, generate: true));
    }

    private static IEnumerable<(string, JsonObject)> Redis(RedisResource redis)
    {
        var password = $"{redis.Name}-password";
        yield return (redis.Name, new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = $"{{{redis.Name}.bindings.tcp.host}}:{{{redis.Name}.bindings.tcp.port}},password={{{password}.value}}",
            ["image"] = "docker.io/library/redis:7.4",
            ["entrypoint"] = "/bin/sh",
            ["args"] = new JsonArray("-c", "redis-server --requirepass $REDIS_PASSWORD"),
            ["env"] = new JsonObject { ["REDIS_PASSWORD"] = $"{{{password}.value}}" },
            ["bindings"] = TcpBinding(6379),
        });
        yield return (password, Parameter(password, secret: true, generate: true));
    }

    private static JsonObject Project(ProjectResource project, string manifestFolder)
    {
        var env = new JsonObject
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}",
        };
        foreach (var reference in project.Annotations.References)
        {
            switch (reference)
            {
                case IResourceWithServiceDiscovery service:
                    env[$"services__{service.Name}__http__0"] = $"{{{service.Name}.bindings.http.url}}";
                    env[$"{Orchestration.ProjectEnvironment.EnvironmentVariableName(service.Name)}_HTTP"] = $"{{{service.Name}.bindings.http.url}}";
                    break;
                case IResourceWithConnectionString connectable:
                    env[$"ConnectionStrings__{connectable.Name}"] = $"{{{connectable.Name}.connectionString}}";
                    break;
            }
        }

        foreach (var variable in project.Annotations.Environment)
        {
            env[variable.Name] = variable.ManifestExpression;
        }

        var http = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http" };
        if (project.Annotations.ExternalHttpEndpoints)
        {
            http["external"] = true;
        }

        var entry = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(manifestFolder, project.ProjectPath).Replace('\\', '/'),
            ["env"] = env,
            ["bindings"] = new JsonObject { ["http"] = http },
        };
        if (project.Annotations.Replicas > 1)
        {
            entry["deployment"] = new JsonObject { ["replicas"] = project.Annotations.Replicas };
        }

        return entry;
    }

    private static JsonObject TcpBinding(int targetPort) => new()
    {
        ["tcp"] = new JsonObject { ["scheme"] = "tcp", ["protocol"] = "tcp", ["transport"] = "tcp", ["targetPort"] = targetPort },
    };

    private static JsonObject Parameter(string name, bool secret, bool generate) => new()
    {
        ["type"] = "parameter.v0",
        ["value"] = $"{{{name}.inputs.value}}",
        ["inputs"] = Inputs(secret, generate),
    };

    private static JsonObject Inputs(bool secret, bool generate)
    {
        var value = new JsonObject { ["type"] = "string", ["secret"] = secret };
        if (generate)
        {
            value["default"] = new JsonObject { ["generate"] = new JsonObject { ["minLength"] = 22 } };
        }

        return new JsonObject { ["value"] = value };
    }
}
