namespace Mart.Data;

/// <summary>One schema script. <paramref name="Version"/> is recorded in <c>schema_migrations</c> once applied.</summary>
public sealed record SqlMigration(string Version, string Script);
