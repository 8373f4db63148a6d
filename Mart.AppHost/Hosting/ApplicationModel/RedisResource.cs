namespace Mart.Hosting;

/// <summary>
/// A Redis server, started from <c>redis-server</c> with its data in the state folder, unless
/// <c>ConnectionStrings:{name}</c> is configured.
/// </summary>
public sealed class RedisResource(string name) : IResourceWithConnectionString, IResourceWithEndpoints
{
    public string Name { get; } = name;

    public string Type => "Redis";

    public ResourceAnnotations Annotations { get; } = new();

    public EndpointReference PrimaryEndpoint { get; internal set; } = null!;

    public IReadOnlyList<EndpointReference> Endpoints => [PrimaryEndpoint];

    internal string? ExistingConnectionString { get; set; }

    internal string? Password { get; set; }

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(ConnectionString);

    /// <summary>The format Aspire gives Redis: <c>host:port,password=...</c>.</summary>
    internal string ConnectionString => ExistingConnectionString ??
        $"127.0.0.1:{PrimaryEndpoint.Port},password={Password ?? throw new InvalidOperationException($"The password of '{Name}' is not known yet.")}";
}
