namespace Mart.AppHost.Servers;

/// <summary>A database in a <see cref="LocalPostgresServerResource"/>, with the contract of Aspire's <see cref="PostgresDatabaseResource"/>.</summary>
internal sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        .. ((IResourceWithConnectionString)Parent).GetConnectionProperties().Where(p => p.Key is not ("Uri" or "JdbcConnectionString")),
        new("Uri", ReferenceExpression.Create($"{Parent.UriExpression}/{DatabaseName:uri}")),
        new("JdbcConnectionString", ReferenceExpression.Create($"{Parent.JdbcExpression}/{DatabaseName:uri}")),
        new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
    ];
}
