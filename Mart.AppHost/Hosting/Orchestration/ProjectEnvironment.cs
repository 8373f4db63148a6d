using Microsoft.Extensions.Hosting;

namespace Mart.Hosting.Orchestration;

/// <summary>The environment a project process receives: exactly the variables and formats Aspire gives it.</summary>
internal static class ProjectEnvironment
{
    public static async Task<IReadOnlyDictionary<string, string?>> BuildAsync(
        ProjectResource project, string instanceId, string url, string environmentName, string? otlpEndpoint, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        };

        if (otlpEndpoint is not null)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        if (environmentName == Environments.Development)
        {
            // Export every second so the dashboard feels live, as Aspire does in development.
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }

        foreach (var reference in project.Annotations.References)
        {
            switch (reference)
            {
                case IResourceWithServiceDiscovery service:
                    foreach (var endpoint in service.Endpoints)
                    {
                        env[$"services__{service.Name}__{endpoint.Name}__0"] = endpoint.Url;
                        env[$"{EnvironmentVariableName(service.Name)}_{endpoint.Name.ToUpperInvariant()}"] = endpoint.Url;
                    }

                    break;
                case IResourceWithConnectionString connectable:
                    env[$"ConnectionStrings__{connectable.Name}"] = await connectable.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        foreach (var entry in project.Annotations.Environment)
        {
            if (await entry.Resolve(cancellationToken).ConfigureAwait(false) is { } value)
            {
                env[entry.Name] = value;
            }
            else
            {
                env.Remove(entry.Name);
            }
        }

        return env;
    }

    /// <summary><c>my-service</c> becomes <c>MY_SERVICE</c>, as Aspire names endpoint variables.</summary>
    public static string EnvironmentVariableName(string resourceName) =>
        new([.. resourceName.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
