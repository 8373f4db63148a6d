namespace Mart.Hosting;

/// <summary>A database inside a PostgreSQL server, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : IResourceWithConnectionString, IResourceWithParent
{
    public string Name { get; } = name;

    public string Type => "PostgresDatabase";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    IResource IResourceWithParent.Parent => Parent;

    public ResourceAnnotations Annotations { get; } = new();

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(Parent.ConnectionStringFor(DatabaseName));
}
