using System.Data.Common;
using System.Security.Cryptography;
using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Mart.Data;

/// <summary>A service's own PostgreSQL database: its DbContext (Aspire's Npgsql integration) and its migrations.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>Retries after a transient failure: the first at once, the others a second apart.</summary>
    public const int MaxRetryCount = 3;

    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Registers <typeparamref name="TContext"/> (Aspire's Npgsql integration) and its migrations.</summary>
    /// <remarks>
    /// Unless the connection string says otherwise: <c>No Reset On Close</c> (Mart leaves no session state behind),
    /// <c>Max Auto Prepare</c> for the statements run over and over, and an <c>Application Name</c> by which the outbox
    /// relay tells its own commits' notifications from a replica's. Retries last seconds, not Aspire's minute: a
    /// request in an outage gets its 503 soon, and the background loops wait outages out themselves. Queries marked
    /// with <see cref="RowLocks.ForUpdate{T}"/> lock their rows.
    /// </remarks>
    public static void AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var session = $"{builder.Environment.ApplicationName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        builder.AddNpgsqlDbContext<TContext>(
            connectionName,
            settings =>
            {
                settings.ConnectionString = Tuned(settings.ConnectionString, session);
                settings.DisableRetry = true;
            },
            options => ConfigureModel(options.UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, errorCodesToAdd: null))));

        // Singleton, so it also applies to the pooled contexts, whose options are built once.
        builder.Services.ConfigureDbContext<TContext>(options => options.AddInterceptors(RowLockInterceptor.Instance), ServiceLifetime.Singleton);
        builder.AddSqlMigrations<TContext>();
    }

    /// <summary>How every service's model maps to its tables: snake_case names by convention (<c>CreatedAt</c> is <c>created_at</c>).</summary>
    public static DbContextOptionsBuilder ConfigureModel(DbContextOptionsBuilder options) => options.UseSnakeCaseNamingConvention();

    private static string? Tuned(string? connectionString, string applicationName)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }

        // Npgsql's builder claims every keyword (ContainsKey is always true), so a plain one tells what was given.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 32;
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            // PostgreSQL keeps 63 bytes of it.
            settings.ApplicationName = applicationName.Length > 63 ? applicationName[^63..] : applicationName;
        }

        return settings.ConnectionString;
    }
}
