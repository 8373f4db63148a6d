using Mart.Hosting.Orchestration;

namespace Mart.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>Adds a project by its path (relative to the AppHost's folder); it runs from its build output.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        if (!File.Exists(fullPath))
        {
            throw new DistributedApplicationException($"Project '{name}': '{fullPath}' does not exist.");
        }

        var project = new ProjectResource(name, fullPath);
        project.HttpEndpoint = new EndpointReference(project, "http", "http", LaunchProfile.ReadHttpPort(fullPath));
        return builder.AddResource(project);
    }

    /// <summary>Runs several instances of the project behind one endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Annotations.Replicas = replicas;
        return builder;
    }

    /// <summary>Marks the project's HTTP endpoints as reachable from outside the deployment (ingress).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.Annotations.ExternalHttpEndpoints = true;
        return builder;
    }
}
