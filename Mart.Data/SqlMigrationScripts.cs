using System.Reflection;
using System.Text;

namespace Mart.Data;

/// <summary>Loads migration scripts embedded in an assembly.</summary>
public static class SqlMigrationScripts
{
    /// <summary>The folder a service keeps its scripts in, as it appears in resource names.</summary>
    public const string ServiceFolder = ".Data.Migrations.";

    /// <summary>The <c>Data/Migrations/*.sql</c> resources of <paramref name="assembly"/>, versioned and ordered by
    /// file name.</summary>
    public static IReadOnlyList<SqlMigration> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Load(assembly, name => name.LastIndexOf(ServiceFolder, StringComparison.Ordinal) is var at and >= 0
            ? name[(at + ServiceFolder.Length)..]
            : null, versionPrefix: string.Empty);
    }

    /// <summary>Embedded <c>.sql</c> resources under <paramref name="resourcePrefix"/>, ordered by name; the version
    /// prefix keeps components' sets (<c>messaging/0001_outbox</c>) apart.</summary>
    public static IReadOnlyList<SqlMigration> FromEmbeddedResources(Assembly assembly, string resourcePrefix, string versionPrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        ArgumentNullException.ThrowIfNull(versionPrefix);
        return Load(assembly, name => name.StartsWith(resourcePrefix, StringComparison.Ordinal) ? name[resourcePrefix.Length..] : null, versionPrefix);
    }

    private static List<SqlMigration> Load(Assembly assembly, Func<string, string?> fileNameOf, string versionPrefix)
    {
        var migrations = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || fileNameOf(resource) is not { Length: > 4 } fileName)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            migrations.Add(new SqlMigration(versionPrefix + fileName[..^4], reader.ReadToEnd()));
        }

        migrations.Sort((left, right) => string.CompareOrdinal(left.Version, right.Version));
        return migrations;
    }
}
