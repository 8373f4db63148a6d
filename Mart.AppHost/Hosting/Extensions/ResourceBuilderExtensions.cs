namespace Mart.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Gives the resource <c>ConnectionStrings__{source}</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResource
    {
        AddReference(builder.Resource, source.Resource);
        return builder;
    }

    /// <summary>Gives the resource the source's URLs: <c>services__{source}__http__0</c> and <c>{SOURCE}_HTTP</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResource
    {
        AddReference(builder.Resource, source.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once the dependency is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new DistributedApplicationException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }

        if (!builder.Resource.Annotations.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.Annotations.WaitsFor.Add(dependency.Resource);
        }

        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value)
        where T : IResource
    {
        builder.Resource.Annotations.Environment.Add(new(name, _ => ValueTask.FromResult(value), value));
        return builder;
    }

    /// <summary>
    /// Passes a parameter's value. A parameter with no configured value leaves the variable unset (the service then
    /// runs without it, e.g. with a simulated provider instead of an API key) rather than blocking the start.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResource
    {
        builder.Resource.Annotations.Environment.Add(
            new(name, _ => ValueTask.FromResult(parameter.Resource.TryGetValue()), $"{{{parameter.Resource.Name}.value}}"));
        return builder;
    }

    private static void AddReference(IResource target, IResource source)
    {
        if (!target.Annotations.References.Contains(source))
        {
            target.Annotations.References.Add(source);
        }
    }
}
