using Microsoft.Extensions.Hosting;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Mart.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mart.Data;

/// <summary>A service's own PostgreSQL database: its DbContext (Aspire's Npgsql integration) and its migrations.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>Retries after a transient failure: the first at once, the others a second apart, about two seconds of waiting in all.</summary>
    public const int MaxRetryCount = 3;

    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the connection string named <paramref name="connectionName"/>
    /// with Aspire's <c>AddNpgsqlDbContext</c> and applies the service's migrations at start-up.
    /// </summary>
    /// <remarks>
    /// Three connection settings suit how Mart uses its connections, unless the connection string says otherwise:
    /// <list type="bullet">
    /// <item><c>No Reset On Close</c>: no <c>DISCARD ALL</c> each time a pooled connection is taken again. Mart leaves
    /// no session state behind: its settings are <c>SET LOCAL</c> and its advisory locks transaction-scoped.</item>
    /// <item><c>Max Auto Prepare</c>: statements run over and over (the inbox insert, the outbox claim) are prepared
    /// once per connection instead of parsed and planned on every call.</item>
    /// <item><c>Application Name</c>: the service name and a token of this registration, so <c>pg_stat_activity</c>
    /// shows whose connection it is and the outbox relay can tell its own commits' notifications from a replica's.</item>
    /// </list>
    /// Queries marked with <see cref="RowLocks.ForUpdate{T}"/> lock their rows (<see cref="RowLockInterceptor"/>).
    /// Transient failures are retried for a few seconds (<see cref="MaxRetryCount"/>, <see cref="MaxRetryDelay"/>), not
    /// the minute of Aspire's default: a request during an outage is answered 503 soon (<c>DatabaseProblems</c>), and
    /// the consumers and the outbox relay wait an outage out in their own loops.
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

        // Npgsql's own builder knows every keyword (ContainsKey is always true for them), so ask a plain one what was given.
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
