using System.Net;
using System.Text.Json;
using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd;

[Collection("app")]
public sealed class WalkingSkeletonTests(MartAppFixture fixture)
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Every_resource_is_running_and_healthy_and_each_service_answers_on_its_url()
    {
        string[] expected = ["postgres", "productsdb", "ordersdb", "paymentsdb", "marketdb", "redis", "products", "payments", "orders", "market"];
        foreach (var name in expected)
        {
            var snapshot = App.ResourceNotifications.GetSnapshot(name);
            Assert.True(snapshot.IsRunningAndHealthy(), $"{name}: {snapshot.State?.Text} {snapshot.HealthStatus}");
        }

        using var http = new HttpClient();
        foreach (var service in MartAppFixture.Services)
        {
            var url = App.ResourceNotifications.GetSnapshot(service).Urls.First(u => u.Name == "http" && !u.IsInternal).Url;
            using var response = await http.GetAsync(new Uri(new Uri(url), "/health"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("products", "productsdb")]
    [InlineData("orders", "ordersdb")]
    [InlineData("payments", "paymentsdb")]
    [InlineData("market", "marketdb")]
    public void Each_service_gets_the_variables_aspire_gives_for_its_database_and_redis(string service, string database)
    {
        var variables = App.ResourceNotifications.GetSnapshot(service).EnvironmentVariables.Select(v => v.Name).ToHashSet();
        var prefix = database.ToUpperInvariant();
        string[] expected =
        [
            $"ConnectionStrings__{database}", $"{prefix}_HOST", $"{prefix}_PORT", $"{prefix}_USERNAME", $"{prefix}_PASSWORD",
            $"{prefix}_URI", $"{prefix}_JDBCCONNECTIONSTRING", $"{prefix}_DATABASENAME",
            "ConnectionStrings__redis", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "REDIS_URI",
        ];
        Assert.All(expected, name => Assert.Contains(name, variables));
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
        // Aspire's client integrations name their checks: the Redis client's after StackExchange.Redis, the
        // database's after the service's DbContext (whose connection is the database resource).
        Assert.Contains(checks.Keys, name => name.Contains("Redis", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(checks.Keys, name => name.Equals(database[..^"db".Length] + "DbContext", StringComparison.OrdinalIgnoreCase));
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
    }

    private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.AddWithValue("public." + table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
