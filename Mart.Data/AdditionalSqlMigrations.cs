namespace Mart.Data;

/// <summary>Scripts a shared component contributes to the service database, applied after the service's own.</summary>
internal sealed record AdditionalSqlMigrations(IReadOnlyList<SqlMigration> Migrations);
