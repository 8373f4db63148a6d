using Mart.Data;
using Mart.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Mart.Tests.Integration.Data;

[Collection("servers")]
public sealed class SqlMigratorTests(ServersFixture servers)
{
    private static readonly SqlMigration[] Scripts =
    [
        new("0001_create", "CREATE TABLE runs (script text NOT NULL); INSERT INTO runs VALUES ('0001');"),
        new("0002_depends_on_0001", "ALTER TABLE runs ADD COLUMN note text; INSERT INTO runs (script, note) VALUES ('0002', 'after 0001');"),
        new("0003_function", """
            CREATE FUNCTION runs_count() RETURNS bigint LANGUAGE plpgsql AS $$
            BEGIN
                RETURN (SELECT count(*) FROM runs); -- a semicolon inside a dollar-quoted body
            END;
            $$;
            INSERT INTO runs VALUES ('0003');
            """),
    ];

    [Fact]
    public async Task Applies_scripts_in_order_and_records_each()
    {
        var database = await servers.CreateDatabaseAsync("migrator");

        var applied = await Migrator(database).MigrateAsync(Scripts, CancellationToken.None);

        Assert.Equal(["0001_create", "0002_depends_on_0001", "0003_function"], applied);
        Assert.Equal(["0001", "0002", "0003"], await StringsAsync(database, "SELECT script FROM runs ORDER BY script"));
        Assert.Equal(["0001_create", "0002_depends_on_0001", "0003_function"], await StringsAsync(database, "SELECT version FROM schema_migrations ORDER BY applied_at, version"));
        Assert.Equal(3L, await ScalarAsync<long>(database, "SELECT runs_count()"));
    }

    [Fact]
    public async Task Second_run_applies_nothing()
    {
        var database = await servers.CreateDatabaseAsync("migrator");
        await Migrator(database).MigrateAsync(Scripts, CancellationToken.None);

        var again = await Migrator(database).MigrateAsync(Scripts, CancellationToken.None);

        Assert.Empty(again);
        Assert.Equal(3L, await ScalarAsync<long>(database, "SELECT count(*) FROM runs"));
        Assert.Equal(3L, await ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task New_scripts_are_applied_on_the_next_run()
    {
        var database = await servers.CreateDatabaseAsync("migrator");
        await Migrator(database).MigrateAsync(Scripts[..1], CancellationToken.None);

        var applied = await Migrator(database).MigrateAsync(Scripts, CancellationToken.None);

        Assert.Equal(["0002_depends_on_0001", "0003_function"], applied);
    }

    [Fact]
    public async Task Migrators_started_together_apply_each_script_exactly_once()
    {
        var database = await servers.CreateDatabaseAsync("migrator");

        // A slow script keeps the lock held long enough for the others to queue behind it.
        SqlMigration[] scripts = [Scripts[0], new("0002_slow", "SELECT pg_sleep(0.5); INSERT INTO runs VALUES ('0002');"), new("0003_last", "INSERT INTO runs VALUES ('0003');")];
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(database).MigrateAsync(scripts, CancellationToken.None))));

        Assert.Equal(["0001_create", "0002_slow", "0003_last"], runs.SelectMany(applied => applied).Order(StringComparer.Ordinal));
        Assert.Equal(["0001", "0002", "0003"], await StringsAsync(database, "SELECT script FROM runs ORDER BY script"));
        Assert.Equal(3L, await ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Failing_script_is_rolled_back_and_stops_the_run()
    {
        var database = await servers.CreateDatabaseAsync("migrator");
        SqlMigration[] scripts =
        [
            Scripts[0],
            new("0002_broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
            new("0003_after", "INSERT INTO runs VALUES ('0003');"),
        ];

        var error = await Assert.ThrowsAsync<PostgresException>(() => Migrator(database).MigrateAsync(scripts, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        Assert.Equal(["0001_create"], await StringsAsync(database, "SELECT version FROM schema_migrations"));
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
        Assert.Equal(["0001"], await StringsAsync(database, "SELECT script FROM runs"));

        // The lock went with the failed run: a fixed script goes through at once.
        scripts[1] = new("0002_broken", "CREATE TABLE half_done (id int);");
        var applied = await Migrator(database).MigrateAsync(scripts, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["0002_broken", "0003_after"], applied);
    }

    [Fact]
    public async Task Duplicate_versions_are_refused_before_touching_the_database()
    {
        var database = await servers.CreateDatabaseAsync("migrator");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Migrator(database).MigrateAsync([Scripts[0], Scripts[0] with { Script = "SELECT 1" }], CancellationToken.None));

        Assert.Contains("0001_create", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'"));
    }

    private static SqlMigrator Migrator(string connectionString) =>
        new(connectionString, NullLogger<SqlMigrator>.Instance, TimeProvider.System);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
