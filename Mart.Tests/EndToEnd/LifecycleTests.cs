using System.Net;
using System.Net.Sockets;
using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LifecycleTests
{
    [Fact]
    public async Task Stopping_leaves_no_child_process_and_a_second_start_reuses_the_persisted_data()
    {
        var state = Directory.CreateTempSubdirectory("mart-state-").FullName;
        try
        {
            string firstConnectionString;
            List<int> processes;
            await using (var first = await StartWholeSystemAsync(state))
            {
                firstConnectionString = (await first.GetConnectionStringAsync("productsdb"))!;
                await ExecuteAsync(firstConnectionString, "CREATE TABLE lifecycle_marker (note text); INSERT INTO lifecycle_marker VALUES ('kept')");
                processes = first.ResourceNotifications.GetSnapshots()
                    .SelectMany(s => s.ProcessIds)
                    .SelectMany(ProcessTable.WithDescendants)
                    .ToList();
                Assert.True(processes.Count >= 6, $"expected postgres (and its workers), redis and four services, saw {processes.Count}");

                await first.StopAsync();

                Assert.DoesNotContain(processes, ProcessTable.IsAlive);
            }

            var passwordFile = Path.Combine(state, "postgres", "password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "redis", "password")));

            await using var second = await StartWholeSystemAsync(state);
            var secondConnectionString = (await second.GetConnectionStringAsync("productsdb"))!;
            Assert.Equal(
                new NpgsqlConnectionStringBuilder(firstConnectionString).Password,
                new NpgsqlConnectionStringBuilder(secondConnectionString).Password);
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
    public async Task A_port_in_use_is_reported_before_anything_starts()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:RandomizePorts=false");
        builder.AddRedis("redis", port);
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());
        Assert.Contains($"Port {port}", error.Message);
        Assert.Contains("'redis'", error.Message);
    }

    [Fact]
    public async Task A_service_that_dies_at_start_is_reported_with_its_last_lines_and_retried()
    {
        // Without its database reference the service cannot start: it must fail loudly, not silently.
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject("products", "../Mart.Products/Mart.Products.csproj");
        await using var app = await builder.BuildAsync();
        await app.StartAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.ResourceNotifications.WaitForResourceAsync("products", s => s.State == ResourceStates.Failed, timeout.Token);
        await app.ResourceNotifications.WaitForResourceAsync("products", s => s.Restarts >= 1, timeout.Token);

        var messages = string.Join('\n', app.ConsoleLogs.GetLines("apphost").Select(l => l.Text));
        Assert.Contains("products exited with code", messages);
        Assert.Contains("before it became healthy", messages);
        Assert.Contains("productsdb", messages);
    }

    private static async Task<DistributedApplication> StartWholeSystemAsync(string state)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>([$"--AppHost:StateFolder={state}"]);
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication);
        await app.StartAsync(timeout.Token);
        await MartAppFixture.WaitForAllHealthyAsync(app, timeout.Token);
        return app;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
