namespace Mart.Hosting;

/// <summary>A .NET project of the solution, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath) : IResourceWithServiceDiscovery
{
    public string Name { get; } = name;

    public string Type => "Project";

    /// <summary>Full path of the project file.</summary>
    public string ProjectPath { get; } = projectPath;

    public ResourceAnnotations Annotations { get; } = new();

    public EndpointReference HttpEndpoint { get; internal set; } = null!;

    public IReadOnlyList<EndpointReference> Endpoints => [HttpEndpoint];
}
