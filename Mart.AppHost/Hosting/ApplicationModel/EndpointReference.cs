namespace Mart.Hosting;

/// <summary>
/// A named endpoint of a resource. The port is known only once the model is allocated (a fixed default or a
/// random free port), so readers go through <see cref="Url"/> after start.
/// </summary>
public sealed class EndpointReference(IResource owner, string name, string scheme, int? preferredPort)
{
    public IResource Owner { get; } = owner;

    /// <summary>Endpoint name as Aspire uses it: <c>http</c>, <c>https</c>, <c>tcp</c>.</summary>
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>The port used when ports are not randomised (stable ports for interactive runs).</summary>
    public int? PreferredPort { get; } = preferredPort;

    public string Host => "localhost";

    public int Port => AllocatedPort ?? throw new InvalidOperationException(
        $"The '{Name}' endpoint of '{Owner.Name}' has no port yet: the application has not been started.");

    public bool IsAllocated => AllocatedPort is not null;

    public string Url => $"{Scheme}://{Host}:{Port}";

    internal int? AllocatedPort { get; set; }
}
