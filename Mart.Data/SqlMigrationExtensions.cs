using Microsoft.Extensions.Hosting;
using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mart.Data;

/// <summary>Schema migrations from ordered SQL scripts (EF's design-time tooling is not available here).</summary>
public static class SqlMigrationExtensions
{
    /// <summary>
    /// At start-up, applies the <c>Data/Migrations/*.sql</c> scripts embedded in <typeparamref name="TContext"/>'s assembly
    /// (ordered by file name) to its database, plus any added with <see cref="AddSqlMigrationScripts"/>.
    /// Call after <c>AddNpgsqlDbContext&lt;TContext&gt;</c>.
    /// </summary>
    public static void AddSqlMigrations<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<SqlMigrationHostedService<TContext>>();
    }

    /// <summary>
    /// Adds scripts of a shared component (e.g. from <see cref="SqlMigrationScripts.FromEmbeddedResources"/> with a
    /// version prefix) to the service database's migrations; they run after the service's own scripts.
    /// </summary>
    public static void AddSqlMigrationScripts(this IHostApplicationBuilder builder, IReadOnlyList<SqlMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(migrations);
        builder.Services.AddSingleton(new AdditionalSqlMigrations(migrations));
    }
}
