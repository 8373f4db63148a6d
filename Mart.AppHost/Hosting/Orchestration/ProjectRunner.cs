using System.Reflection;

namespace Mart.Hosting.Orchestration;

/// <summary>Runs a project from its build output with <c>dotnet</c>, one process per replica.</summary>
internal sealed class ProjectRunner(ProjectResource project, RunContext context, IReadOnlyList<int> replicaPorts)
    : ProcessResourceRunner(project, context, replicaPorts.Count)
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly string[] _instanceIds = replicaPorts.Select(_ => $"{project.Name}-{Guid.NewGuid().ToString("N")[..8]}").ToArray();

    public override async Task<ProcessSpec> PrepareAsync(int replica, CancellationToken cancellationToken)
    {
        var assembly = FindAssembly(project.ProjectPath);
        var url = $"http://localhost:{replicaPorts[replica]}";
        var environment = await ProjectEnvironment.BuildAsync(
            project, _instanceIds[replica], url, Context.Environment.EnvironmentName, Context.OtlpEndpoint, cancellationToken).ConfigureAwait(false);
        return new ProcessSpec(ExecutableLocator.FindDotnetHost(), [assembly], Path.GetDirectoryName(project.ProjectPath)!, environment);
    }

    public override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) =>
        ProbeAsync(async ct =>
        {
            using var response = await HealthClient.GetAsync($"http://localhost:{replicaPorts[replica]}/health", ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }, cancellationToken);

    /// <summary>The project's built assembly, in the same configuration as the AppHost itself.</summary>
    internal static string FindAssembly(string projectPath)
    {
        var configuration = typeof(ProjectRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostConfiguration")?.Value ?? "Debug";
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var output = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration);
        var assembly = Directory.Exists(output)
            ? Directory.GetDirectories(output).Select(tfm => Path.Combine(tfm, name + ".dll")).Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return assembly ?? throw new DistributedApplicationException(
            $"'{name}' has not been built ({output} has no {name}.dll). Build the solution first: dotnet build Mart.sln -c {configuration}");
    }
}
