using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mart.Hosting.Testing;

/// <summary>A builder for tests: the AppHost's model with random ports and a throw-away state folder.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>Mirrors Aspire's DistributedApplicationTestingBuilder.</summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Runs <typeparamref name="TEntryPoint"/>'s AppHost program up to <c>Build()</c> and returns its model for testing.</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync<TEntryPoint>([], cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var builder = ModelCapture.CaptureFrom(typeof(TEntryPoint).Assembly, args);
        return Task.FromResult<IDistributedApplicationTestingBuilder>(new TestingBuilder(builder));
    }

    /// <summary>An empty model for tests that declare their own resources.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args) =>
        new TestingBuilder(new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            Args = args,
            RandomizePorts = true,
            ShowTerminalView = false,
            EnvironmentName = Environments.Development,
        }));

    private sealed class TestingBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public IHostEnvironment Environment => inner.Environment;

        public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

        public string AppHostDirectory => inner.AppHostDirectory;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);

        public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(this, resource);

        public DistributedApplication Build()
        {
            // A state folder given in configuration is kept (tests of persistence); otherwise one is made and removed.
            var ephemeral = inner.Configuration["AppHost:StateFolder"] is null
                ? Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mart-test-" + Guid.NewGuid().ToString("N")[..12])).FullName
                : null;
            return new DistributedApplication(inner, ephemeral);
        }

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());
    }
}
