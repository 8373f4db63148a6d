using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mart.Hosting;

/// <summary>Builds the application model: the resources and how they reference and wait for each other.</summary>
public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }

    IHostEnvironment Environment { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>The AppHost project's folder: relative project paths are resolved against it.</summary>
    string AppHostDirectory { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    DistributedApplication Build();
}
