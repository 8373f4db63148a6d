namespace Mart.Hosting;

/// <summary>What the model says about a resource beyond its identity: references, waits, environment.</summary>
public sealed class ResourceAnnotations
{
    public List<IResource> References { get; } = [];

    public List<IResource> WaitsFor { get; } = [];

    /// <summary>Environment entries, resolved when the process starts (a value may depend on run-time ports).</summary>
    public List<EnvironmentEntry> Environment { get; } = [];

    public int Replicas { get; set; } = 1;

    public bool ExternalHttpEndpoints { get; set; }
}

/// <summary>
/// One environment variable of a resource: resolved when its process starts, or written to a manifest as
/// <paramref name="ManifestExpression"/> (e.g. <c>{param.value}</c>) when it refers to another resource.
/// </summary>
public sealed record EnvironmentEntry(string Name, Func<CancellationToken, ValueTask<string?>> Resolve, string? ManifestExpression = null);
