using Mart.Data;
using Mart.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.Tests.Integration.Data;

/// <summary><c>AddNpgsqlDbContext</c> and <c>AddSqlMigrations</c> as a service uses them.</summary>
[Collection("servers")]
public sealed class DatabaseHostingTests(ServersFixture servers)
{
    [Fact]
    public async Task Starting_the_host_migrates_and_the_database_check_reports_healthy()
    {
        var database = await servers.CreateDatabaseAsync("hosting");
        using var host = BuildHost(database, builder => builder.AddSqlMigrationScripts(
            [new SqlMigration("0001_widgets", "CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL);")]));

        await host.StartAsync();
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var context = scope.ServiceProvider.GetRequiredService<ScratchDbContext>();
                await context.Database.ExecuteSqlRawAsync("INSERT INTO widgets VALUES (1, 'bolt')");
                Assert.True(context.Database.CreateExecutionStrategy().RetriesOnFailure);
            }

            // Aspire's integration names the check after the context.
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Entries[nameof(ScratchDbContext)].Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Database_check_reports_unhealthy_when_the_database_is_gone()
    {
        var database = new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Database = $"missing_{Guid.NewGuid():N}" }.ConnectionString;
        using var host = BuildHost(database);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[nameof(ScratchDbContext)].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public void Missing_connection_string_is_a_clear_startup_error()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddNpgsqlDbContext<ScratchDbContext>("scratchdb");
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ScratchDbContext>());

        Assert.Contains("ConnectionStrings:scratchdb", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:scratchdb"] = connectionString });
        builder.Logging.ClearProviders();
        builder.AddNpgsqlDbContext<ScratchDbContext>("scratchdb");
        configure?.Invoke(builder);
        builder.AddSqlMigrations<ScratchDbContext>();
        return builder.Build();
    }
}

public sealed class ScratchDbContext(DbContextOptions<ScratchDbContext> options) : DbContext(options);
