using Microsoft.Extensions.Configuration;

namespace Mart.Hosting;

public static class ParameterResourceBuilderExtensions
{
    /// <summary>Adds a parameter read from configuration <c>Parameters:{name}</c> (user secrets or environment for secrets).</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false)
    {
        var configuration = builder.Configuration;
        return builder.AddResource(new ParameterResource(name, secret, () => configuration[$"Parameters:{name}"]));
    }

    /// <summary>Adds an existing resource known only by its connection string <c>ConnectionStrings:{name}</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddConnectionString(
        this IDistributedApplicationBuilder builder, string name, string? environmentVariableName = null)
    {
        var configuration = builder.Configuration;
        return builder.AddResource<IResourceWithConnectionString>(new ConnectionStringResource(
            name,
            () => environmentVariableName is null
                ? configuration.GetConnectionString(name)
                : System.Environment.GetEnvironmentVariable(environmentVariableName)));
    }
}
