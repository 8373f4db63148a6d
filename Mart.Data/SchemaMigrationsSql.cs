namespace Mart.Data;

/// <summary>The migrator's own SQL.</summary>
internal static class SchemaMigrationsSql
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    text        PRIMARY KEY,
            applied_at timestamptz NOT NULL
        )
        """;

    public const string SelectVersions = "SELECT version FROM schema_migrations";

    public const string Record = "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @applied_at)";

    public const string TryLock = "SELECT pg_try_advisory_lock(@key)";

    public const string Lock = "SELECT pg_advisory_lock(@key)";

    public const string Unlock = "SELECT pg_advisory_unlock(@key)";
}
