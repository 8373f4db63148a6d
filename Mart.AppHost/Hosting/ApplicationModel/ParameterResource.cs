namespace Mart.Hosting;

/// <summary>A value supplied from configuration (<c>Parameters:name</c>), secret or not.</summary>
public sealed class ParameterResource(string name, bool secret, Func<string?> read) : IResource
{
    public string Name { get; } = name;

    public string Type => "Parameter";

    public bool Secret { get; } = secret;

    public ResourceAnnotations Annotations { get; } = new();

    /// <summary>The configured value, or null when none is configured.</summary>
    public string? TryGetValue() => read() is { Length: > 0 } value ? value : null;

    public string Value => TryGetValue() ?? throw new DistributedApplicationException(
        $"Parameter '{Name}' has no value. Set it in configuration as 'Parameters:{Name}' " +
        $"(environment variable 'Parameters__{Name}', or user secrets of the AppHost).");
}
