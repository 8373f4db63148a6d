namespace Mart.Hosting;

/// <summary>An existing resource reached only through a configured connection string (<c>ConnectionStrings:name</c>).</summary>
public sealed class ConnectionStringResource(string name, Func<string?> read) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public string Type => "ConnectionString";

    public ResourceAnnotations Annotations { get; } = new();

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(read() ?? throw new DistributedApplicationException(
            $"Connection string '{Name}' is not configured. Set 'ConnectionStrings:{Name}' " +
            $"(environment variable 'ConnectionStrings__{Name}')."));
}
