using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LifecycleTests
{
    [Fact]
    public async Task Stopping_leaves_no_process_and_a_second_start_keeps_the_data_and_the_passwords()
    {
        var state = Directory.CreateTempSubdirectory("mart-state-").FullName;
        try
        {
            string firstConnectionString;
            string firstRedis;
            List<int> processes;
            await using (var first = await StartWholeSystemAsync(state))
            {
                Assert.True(File.Exists(Path.Combine(state, "postgres", "data", "PG_VERSION")), "the first start created the cluster");
                firstConnectionString = (await first.App.GetConnectionStringAsync("productsdb"))!;
                firstRedis = (await first.App.GetConnectionStringAsync("redis"))!;
                await ExecuteAsync(firstConnectionString, "CREATE TABLE lifecycle_marker (note text); INSERT INTO lifecycle_marker VALUES ('kept')");
                processes = [.. first.App.AllProcesses()];
                Assert.True(processes.Count >= 8, $"expected postgres (and its workers), redis, four services and DCP, saw {processes.Count}");
            }

            // Disposing waited for DCP to end every child; nothing of the first run may be left.
            Assert.DoesNotContain(processes, ProcessTable.IsAlive);

            foreach (var secret in new[] { Path.Combine(state, "postgres", "password"), Path.Combine(state, "redis", "password"), Path.Combine(state, "redis", "redis.conf") })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
            }

            await using var second = await StartWholeSystemAsync(state);
            var secondConnectionString = (await second.App.GetConnectionStringAsync("productsdb"))!;
            Assert.Equal(
                new NpgsqlConnectionStringBuilder(firstConnectionString).Password,
                new NpgsqlConnectionStringBuilder(secondConnectionString).Password);
            Assert.Equal(Password(firstRedis), Password((await second.App.GetConnectionStringAsync("redis"))!));
            await using var connection = new NpgsqlConnection(secondConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT note FROM lifecycle_marker", connection);
            Assert.Equal("kept", await read.ExecuteScalarAsync());
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task No_password_is_on_a_command_line()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "identity", "identitydb", "products", "orders", "payments", "market", "finnhub-api-key");
        await using var app = await MartTestApp.StartAsync(builder, state);

        var passwords = new[] { "postgres", "redis" }.Select(r => File.ReadAllText(Path.Combine(state, r, "password")).Trim()).ToList();
        var processes = app.App.AllProcesses();
        Assert.NotEmpty(processes);
        foreach (var pid in processes)
        {
            // Short-lived processes (a PostgreSQL backend) may have ended since the list was taken.
            var commandLine = ProcessTable.CommandLine(pid);
            Assert.All(passwords, password => Assert.DoesNotContain(password, commandLine));
        }
    }

    [Fact]
    public async Task A_service_that_dies_at_start_is_logged_and_started_again()
    {
        // An empty connection string makes Products stop at start with a message naming its database.
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, "orders", "payments", "market", "finnhub-api-key");
        MartTestApp.Environment(builder, "products", ("ConnectionStrings__productsdb", ""));
        var app = await builder.BuildAsync();
        await using var running = MartTestApp.Adopt(app, state);
        using var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication);
        await app.StartAsync(timeout.Token);

        var exits = 0;
        await app.ResourceNotifications.WaitForResourceAsync(
            "products",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text) && ++exits >= 2,
            timeout.Token);

        var log = await app.LastLogLinesAsync("products", 400);
        Assert.Contains("productsdb", log);
        Assert.Contains("without being asked to stop; restart 1 in 00:00:01", log);
    }

    private static async Task<MartTestApp> StartWholeSystemAsync(string state)
    {
        var (builder, _) = await MartTestApp.CreateBuilderAsync(state);
        return await MartTestApp.StartAsync(builder, state, ownsState: false);
    }

    private static string? Password(string redisConnectionString) =>
        redisConnectionString.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv[0] == "password")?[1];

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
