using Mart.Hosting.Orchestration;

namespace Mart.Hosting.Dashboard.Resources;

/// <summary>
/// The environment a resource runs with, secrets masked. For a project it is what the AppHost gives it
/// (<see cref="ProjectEnvironment"/>); where the running process can be read (Linux <c>/proc/{pid}/environ</c>) its
/// actual values win, so replica-specific ones such as the instance id are exact. Servers show their connection string.
/// </summary>
internal sealed class ResourceEnvironment(IReadOnlyList<IResource> model, RunContext context)
{
    public async Task<IReadOnlyList<EnvironmentVariableView>?> GetAsync(string resourceName, IReadOnlyList<int> processIds, CancellationToken cancellationToken)
    {
        var resource = model.FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase));
        var secrets = SecretValues();
        switch (resource)
        {
            case ProjectResource { HttpEndpoint.IsAllocated: true } project:
                var given = await ProjectEnvironment.BuildAsync(
                    project, instanceId: "", project.HttpEndpoint.Url, context.Environment.EnvironmentName, context.OtlpEndpoint, cancellationToken).ConfigureAwait(false);
                var running = processIds.Count > 0 ? ReadProcessEnvironment(processIds[0]) : null;
                return given
                    .Select(pair => SecretMasking.Apply(pair.Key, running is not null && running.TryGetValue(pair.Key, out var actual) ? actual : pair.Value, secrets))
                    .OrderBy(v => v.Name, StringComparer.Ordinal)
                    .ToList();
            case IResourceWithConnectionString connectable:
                string? connectionString;
                try
                {
                    connectionString = await connectable.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    connectionString = null; // Not allocated yet.
                }

                return connectionString is null ? [] : [SecretMasking.Apply("ConnectionString", connectionString, secrets)];
            case null:
                return null;
            default:
                return [];
        }
    }

    private List<string> SecretValues() =>
        model.OfType<ParameterResource>().Where(p => p.Secret).Select(p => p.TryGetValue()).OfType<string>().ToList();

    private static Dictionary<string, string>? ReadProcessEnvironment(int processId)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{processId}/environ");
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in raw.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    environment[entry[..equals]] = entry[(equals + 1)..];
                }
            }

            return environment;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // Not Linux, or the process is gone: the computed values stand.
        }
    }
}
