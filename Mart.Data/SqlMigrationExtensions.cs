using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mart.Data;

/// <summary>Schema migrations from ordered SQL scripts (EF's design-time tooling is not available here).</summary>
public static class SqlMigrationExtensions
{
    /// <summary>At start-up, applies <typeparamref name="TContext"/>'s embedded <c>Data/Migrations/*.sql</c> scripts,
    /// then those added with <see cref="AddSqlMigrationScripts"/>.</summary>
    public static void AddSqlMigrations<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<SqlMigrationHostedService<TContext>>();
    }

    /// <summary>Adds a shared component's scripts to the service database's migrations, after the service's
    /// own.</summary>
    public static void AddSqlMigrationScripts(this IHostApplicationBuilder builder, IReadOnlyList<SqlMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(migrations);
        builder.Services.AddSingleton(new AdditionalSqlMigrations(migrations));
    }
}
