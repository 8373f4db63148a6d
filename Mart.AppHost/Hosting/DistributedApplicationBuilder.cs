using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Mart.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        AppHostDirectory = FindAppHostDirectory();

        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables("DOTNET_");
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(options.Args);
        var environmentName = options.EnvironmentName
            ?? Configuration["ENVIRONMENT"]
            ?? Configuration["ASPNETCORE_ENVIRONMENT"]
            ?? Environments.Production;
        Configuration.AddJsonFile(Path.Combine(AppHostDirectory, "appsettings.json"), optional: true);
        Configuration.AddJsonFile(Path.Combine(AppHostDirectory, $"appsettings.{environmentName}.json"), optional: true);
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(options.Args);

        Environment = new HostingEnvironment
        {
            ApplicationName = "Mart.AppHost",
            EnvironmentName = environmentName,
            ContentRootPath = AppHostDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        };
        ExecutionContext = new DistributedApplicationExecutionContext(
            Configuration["publisher"] is null ? DistributedApplicationOperation.Run : DistributedApplicationOperation.Publish);
    }

    public DistributedApplicationOptions Options { get; }

    public ConfigurationManager Configuration { get; }

    public IHostEnvironment Environment { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"Cannot add resource '{resource.Name}': a resource with that name already exists.");
        }

        _resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        if (Testing.ModelCapture.TryCapture(this))
        {
            // A test asked for the model only: stop the AppHost's entry point here, as Aspire's testing builder does.
            throw new Testing.ModelCapturedException();
        }

        return new DistributedApplication(this);
    }

    /// <summary>
    /// The AppHost project's folder, recorded at build time; falls back to the current directory so that a copied
    /// build still runs.
    /// </summary>
    private static string FindAppHostDirectory()
    {
        var recorded = typeof(DistributedApplicationBuilder).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectDirectory")?.Value;
        return recorded is not null && Directory.Exists(recorded) ? recorded : Directory.GetCurrentDirectory();
    }
}
