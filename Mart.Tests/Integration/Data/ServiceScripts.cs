using Mart.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mart.Tests.Integration.Data;

/// <summary>A service's migration scripts, read from the source tree, and a migrator to apply them.</summary>
public static class ServiceScripts
{
    // Versions and order as the services' embedded resources give them: file name without extension, ordinal.
    public static List<SqlMigration> Of(string service)
    {
        var folder = Path.Combine(RepositoryRoot(), service, "Data", "Migrations");
        var scripts = Directory.GetFiles(folder, "*.sql")
            .Select(path => new SqlMigration(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)))
            .OrderBy(script => script.Version, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(scripts);
        return scripts;
    }

    public static SqlMigrator Migrator(string connectionString) =>
        new(connectionString, NullLogger<SqlMigrator>.Instance, TimeProvider.System);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mart.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Mart.sln above {AppContext.BaseDirectory}.");
    }
}
