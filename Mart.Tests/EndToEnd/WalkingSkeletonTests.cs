using System.Net;
using System.Text.Json;
using Mart.Hosting;
using Mart.Hosting.Testing;
using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd;

[Collection("app")]
public sealed class WalkingSkeletonTests(MartAppFixture fixture)
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task The_resource_api_lists_every_resource_running_and_healthy()
    {
        using var http = new HttpClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(App.DashboardUri, "/api/resources")));

        var resources = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(
            ["postgres", "productsdb", "ordersdb", "paymentsdb", "marketdb", "redis", "products", "payments", "orders", "market"],
            resources.Keys);
        foreach (var (name, resource) in resources)
        {
            Assert.True(resource.GetProperty("state").GetString() == "Running", $"{name}: {resource}");
            Assert.True(resource.GetProperty("health").GetString() == "Healthy", $"{name}: {resource}");
        }

        foreach (var service in MartAppFixture.Services)
        {
            var url = Assert.Single(resources[service].GetProperty("urls").EnumerateArray()).GetString()!;
            using var response = await http.GetAsync(new Uri(new Uri(url), "/health"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("products", "productsdb", "products")]
    [InlineData("orders", "ordersdb", "orders")]
    [InlineData("payments", "paymentsdb", "payments")]
    [InlineData("market", "marketdb", "quotes")]
    public async Task Each_service_migrated_its_own_database_and_no_other(string service, string database, string table)
    {
        await using (var own = new NpgsqlConnection(await App.GetConnectionStringAsync(database)))
        {
            await own.OpenAsync();
            Assert.True(await TableExistsAsync(own, "schema_migrations"), $"{service} has no schema_migrations in {database}");
            Assert.True(await TableExistsAsync(own, table), $"{service} did not create '{table}' in {database}");
            await using var applied = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", own);
            Assert.True((long)(await applied.ExecuteScalarAsync())! >= 1);
        }

        foreach (var other in new[] { "productsdb", "ordersdb", "paymentsdb", "marketdb" }.Where(d => d != database))
        {
            await using var connection = new NpgsqlConnection(await App.GetConnectionStringAsync(other));
            await connection.OpenAsync();
            Assert.False(await TableExistsAsync(connection, table), $"'{table}' of {service} leaked into {other}");
        }
    }

    [Theory]
    [InlineData("products", "productsdb")]
    [InlineData("orders", "ordersdb")]
    [InlineData("payments", "paymentsdb")]
    [InlineData("market", "marketdb")]
    public async Task Each_service_reports_its_database_and_redis_healthy(string service, string database)
    {
        using var http = App.CreateHttpClient(service);
        using var response = await http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["redis"]);
        Assert.Equal("Healthy", checks[database]);
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var before = App.ResourceNotifications.GetSnapshot("payments");
        var pid = Assert.Single(before.ProcessIds);

        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var after = await App.ResourceNotifications.WaitForResourceAsync(
            "payments",
            s => s.Restarts > before.Restarts && s.State == ResourceStates.Running && s.Health == HealthStates.Healthy,
            timeout.Token);

        Assert.NotEqual(pid, Assert.Single(after.ProcessIds));
        Assert.False(ProcessTable.IsAlive(pid), "the killed process is gone");
        using var http = App.CreateHttpClient("payments");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.AddWithValue("public." + table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
