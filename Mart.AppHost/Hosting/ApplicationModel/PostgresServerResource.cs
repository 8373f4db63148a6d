using Npgsql;

namespace Mart.Hosting;

/// <summary>
/// A PostgreSQL server. In run mode it is started from the machine's binaries with its data in the state folder,
/// unless <c>ConnectionStrings:{name}</c> is configured, in which case that existing server is used.
/// </summary>
public sealed class PostgresServerResource(string name) : IResourceWithConnectionString, IResourceWithEndpoints
{
    public const string DefaultUserName = "postgres";

    public string Name { get; } = name;

    public string Type => "Postgres";

    public ResourceAnnotations Annotations { get; } = new();

    public string UserName { get; internal set; } = DefaultUserName;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public EndpointReference PrimaryEndpoint { get; internal set; } = null!;

    public IReadOnlyList<EndpointReference> Endpoints => [PrimaryEndpoint];

    /// <summary>Set when the model points at an existing server instead of starting one.</summary>
    internal string? ExistingConnectionString { get; set; }

    internal string? Password { get; set; }

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(ConnectionString);

    internal string ConnectionString => ExistingConnectionString ?? new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = PrimaryEndpoint.Port,
        Username = UserName,
        Password = Password ?? throw new InvalidOperationException($"The password of '{Name}' is not known yet."),
    }.ConnectionString;

    internal string ConnectionStringFor(string databaseName) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = databaseName }.ConnectionString;
}
