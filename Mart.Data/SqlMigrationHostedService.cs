using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mart.Data;

/// <summary>
/// Migrates <typeparamref name="TContext"/>'s database before the server starts taking requests (hosted services
/// start before Kestrel); a failure stops the host rather than serving on a half-built schema.
/// </summary>
internal sealed class SqlMigrationHostedService<TContext>(
    IServiceScopeFactory scopes,
    IEnumerable<AdditionalSqlMigrations> additional,
    ILogger<SqlMigrator> logger,
    TimeProvider timeProvider) : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            connectionString = context.Database.GetConnectionString()
                ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string to migrate.");
        }

        // The service's own scripts first, then those of shared components (e.g. messaging tables).
        List<SqlMigration> migrations = [.. SqlMigrationScripts.FromAssembly(typeof(TContext).Assembly), .. additional.SelectMany(set => set.Migrations)];
        await new SqlMigrator(connectionString, logger, timeProvider).MigrateAsync(migrations, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
