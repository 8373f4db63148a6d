namespace Mart.AppHost.Servers;

/// <summary>
/// PostgreSQL from the machine's binaries, with the connection contract of Aspire's
/// <see cref="PostgresServerResource"/>: the same connection string and the same connection properties, so a
/// service referencing it cannot tell the difference.
/// </summary>
internal sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public EndpointReference PrimaryEndpoint => field ??= new(this, "tcp");

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host={Host};Port={Port};Username={UserName};Password={PasswordParameter}");

    internal ReferenceExpression UriExpression =>
        ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter:uri}@{Host:uri}:{Port:uri}");

    internal ReferenceExpression JdbcExpression => ReferenceExpression.Create($"jdbc:postgresql://{Host}:{Port}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Username", ReferenceExpression.Create($"{UserName}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", UriExpression),
        new("JdbcConnectionString", JdbcExpression),
    ];
}
