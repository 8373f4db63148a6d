using Mart.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Aspire's EF Core PostgreSQL integration declares AddNpgsqlDbContext in this namespace.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers an EF Core context on PostgreSQL the way Aspire's Npgsql EF Core integration does.</summary>
public static class NpgsqlDbContextExtensions
{
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads <c>ConnectionStrings:{connectionName}</c>, registers a pooled <typeparamref name="TContext"/> on Npgsql
    /// with retry on transient failures, and a readiness check (tagged "ready") running <c>SELECT 1</c>.
    /// </summary>
    /// <remarks>
    /// The retrying execution strategy refuses user-started transactions: run them through
    /// <see cref="Mart.ServiceDefaults.Data.DbContextTransactions"/>, which replays the whole unit of work from a clean
    /// change tracker.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The connection string is missing.</exception>
    public static void AddNpgsqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"PostgreSQL connection string 'ConnectionStrings:{connectionName}' is missing. Reference the '{connectionName}' database " +
                $"from the AppHost (WithReference) or set ConnectionStrings__{connectionName}, e.g. " +
                $"'Host=localhost;Port=5432;Username=postgres;Password=...;Database={connectionName}'.");
        }

        builder.Services.AddDbContextPool<TContext>(options =>
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));

        builder.Services.AddHealthChecks()
            .AddCheck<DbContextHealthCheck<TContext>>(connectionName, tags: [HealthEndpoints.ReadyTag], timeout: HealthCheckTimeout);
    }
}
