using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.Tests.Integration.Data;

/// <summary><c>ForUpdate()</c> on a service's DbContext (<c>AddServiceDatabase</c>): the rows a query returns stay locked.</summary>
[Collection("servers")]
public sealed class RowLocksTests(ServersFixture servers) : IAsyncLifetime
{
    private IHost host = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await servers.CreateDatabaseAsync("rowlocks");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:lockdb"] = connectionString });
        builder.Logging.ClearProviders();
        builder.AddSqlMigrationScripts([new SqlMigration("0001_gadgets", "CREATE TABLE gadgets (id int PRIMARY KEY, name text NOT NULL); INSERT INTO gadgets VALUES (1, 'cog'), (2, 'gear'), (3, 'pin');")]);
        builder.AddServiceDatabase<GadgetsDbContext>("lockdb");
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task The_rows_a_marked_query_returns_stay_locked_until_its_transaction_ends()
    {
        await InTransactionAsync(async (db, ct) =>
        {
            var locked = await db.Gadgets.ForUpdate().Where(g => g.Id <= 2).OrderBy(g => g.Id).ToListAsync(ct);

            Assert.Equal([1, 2], locked.Select(g => g.Id));
            Assert.False(await CanLockAsync(1));
            Assert.False(await CanLockAsync(2));
            Assert.True(await CanLockAsync(3));
        });

        Assert.True(await CanLockAsync(1));
    }

    [Fact]
    public async Task A_lock_follows_other_tags_and_single_row_queries_too()
    {
        await InTransactionAsync(async (db, ct) =>
        {
            var gadget = await db.Gadgets.TagWith("named first").ForUpdate().SingleAsync(g => g.Id == 3, ct);

            Assert.Equal("pin", gadget.Name);
            Assert.False(await CanLockAsync(3));
        });
    }

    [Fact]
    public async Task An_unmarked_query_locks_nothing()
    {
        await InTransactionAsync(async (db, ct) =>
        {
            Assert.Equal(3, await db.Gadgets.TagWith("for update").CountAsync(ct));
            Assert.Equal("cog", (await db.Gadgets.SingleAsync(g => g.Id == 1, ct)).Name);

            Assert.True(await CanLockAsync(1));
        });
    }

    private async Task InTransactionAsync(Func<GadgetsDbContext, CancellationToken, Task> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GadgetsDbContext>();
        await db.InTransactionAsync(ct => work(db, ct), CancellationToken.None);
    }

    // Another connection asks for the row's lock without waiting: refused (55P03) while someone else holds it.
    private async Task<bool> CanLockAsync(int id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM gadgets WHERE id = $1 FOR UPDATE NOWAIT", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        try
        {
            Assert.Equal(id, await command.ExecuteScalarAsync());
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }
}

public sealed class Gadget
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

public sealed class GadgetsDbContext(DbContextOptions<GadgetsDbContext> options) : DbContext(options)
{
    public DbSet<Gadget> Gadgets => Set<Gadget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Gadget>(gadget =>
        {
            gadget.ToTable("gadgets");
            gadget.Property(g => g.Id).HasColumnName("id").ValueGeneratedNever();
            gadget.Property(g => g.Name).HasColumnName("name");
        });
}
