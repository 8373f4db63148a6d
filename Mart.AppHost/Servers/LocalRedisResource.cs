namespace Mart.AppHost.Servers;

/// <summary>
/// <c>redis-server</c> from the machine, with the connection contract of Aspire's <see cref="RedisResource"/>:
/// <c>host:port,password=...</c> and the Host, Port, Password and Uri properties.
/// </summary>
internal sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => field ??= new(this, "tcp");

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    // The ssl part is Aspire's own conditional (empty here, as this endpoint has no TLS), so the expression is identical.
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}{Ssl}");

    private ReferenceExpression Ssl => ReferenceExpression.CreateConditional(
        PrimaryEndpoint.Property(EndpointProperty.TlsEnabled), bool.TrueString, ReferenceExpression.Create($",ssl=true"), ReferenceExpression.Empty);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Scheme)}://:{PasswordParameter:uri}@{Host}:{Port}")),
    ];
}
