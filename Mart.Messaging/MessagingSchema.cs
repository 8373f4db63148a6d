using Mart.Messaging;
using Mart.Data;

namespace Mart.Messaging;

/// <summary>
/// The SQL that creates the <c>outbox</c> and <c>inbox</c> tables (Messaging/Migrations/*.sql, embedded). Every
/// service applies the same scripts through its migrator instead of keeping copies: <c>AddMartMessaging</c>
/// contributes them with <c>AddSqlMigrationScripts</c>, so <c>AddSqlMigrations&lt;TContext&gt;()</c> runs them after the
/// service's own scripts, recorded in <c>schema_migrations</c> as <c>messaging/&lt;file name&gt;</c>.
/// </summary>
public static class MessagingSchema
{
    /// <summary>Resource name prefix of the scripts (see the EmbeddedResource item in the project file).</summary>
    public const string ResourcePrefix = "Mart.Messaging.Migrations.";

    /// <summary>Version prefix in <c>schema_migrations</c>, so the names never collide with a service's own.</summary>
    public const string VersionPrefix = "messaging/";

    /// <summary>The scripts, ordered by file name.</summary>
    public static IReadOnlyList<SqlMigration> Migrations { get; } =
        SqlMigrationScripts.FromEmbeddedResources(typeof(MessagingSchema).Assembly, ResourcePrefix, VersionPrefix);
}
