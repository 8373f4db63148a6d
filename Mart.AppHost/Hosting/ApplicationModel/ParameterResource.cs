namespace Mart.Hosting;

/// <summary>A value supplied from configuration (<c>Parameters:name</c>), secret or not.</summary>
public sealed class ParameterResource(string name, bool secret, Func<string?> read) : IResource
{
    public string Name { get; } = name;

    public string Type => "Parameter";

    public bool Secret { get; } = secret;

    public ResourceAnnotations Annotations { get; } = new();

    public string Value => read() ?? throw new DistributedApplicationException(
        $"Parameter '{Name}' has no value. Set it in configuration as 'Parameters:{Name}' " +
        $"(environment variable 'Parameters__{Name}', or user secrets of the AppHost).");
}
