using Mart.Data;
using Mart.Messaging;

namespace Mart.Messaging;

/// <summary>The SQL of the <c>outbox</c> and <c>inbox</c> tables (embedded Migrations/*.sql), which every service's
/// migrator runs after its own scripts instead of keeping copies.</summary>
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
