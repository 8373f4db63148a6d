using System.Text.Json;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd;

/// <summary>The manifest azd deploys: Aspire's containers for PostgreSQL and Redis, whatever this machine has.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_manifest_has_the_containers_generated_secrets_databases_and_projects()
    {
        var output = Directory.CreateTempSubdirectory("mart-manifest-").FullName;
        try
        {
            var (exitCode, log) = await AppHostProcess.RunAsync(["--publisher", "manifest", "--output-path", Path.Combine(output, "aspire-manifest.json")]);
            Assert.True(exitCode == 0, log);

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json")));
            var resources = manifest.RootElement.GetProperty("resources");
            string Type(string name) => resources.GetProperty(name).GetProperty("type").GetString()!;

            Assert.StartsWith("container.v", Type("postgres"));
            Assert.StartsWith("container.v", Type("redis"));
            foreach (var password in new[] { "postgres-password", "redis-password", "identity-admin-password", "products-identity-secret" })
            {
                Assert.Equal("parameter.v0", Type(password));
                var input = resources.GetProperty(password).GetProperty("inputs").GetProperty("value");
                Assert.True(input.GetProperty("secret").GetBoolean(), password);
                Assert.True(input.TryGetProperty("default", out var generated) && generated.TryGetProperty("generate", out _), password);
            }

            Assert.True(resources.GetProperty("finnhub-api-key").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
            foreach (var database in new[] { "productsdb", "ordersdb", "paymentsdb", "marketdb", "identitydb" })
            {
                Assert.Equal("value.v0", Type(database));
                Assert.Equal("{postgres.connectionString};Database=" + database, resources.GetProperty(database).GetProperty("connectionString").GetString());
            }

            var references = new Dictionary<string, string[]>
            {
                ["identity"] = ["identitydb", "identity-admin-password"],
                ["products"] = ["productsdb", "redis", "orders", "identity", "products-identity-secret"],
                ["payments"] = ["paymentsdb", "redis", "identity"],
                ["orders"] = ["ordersdb", "redis", "products", "payments", "identity"],
                ["market"] = ["marketdb", "redis"],
            };
            foreach (var (project, referenced) in references)
            {
                Assert.StartsWith("project.v", Type(project));
                var environment = resources.GetProperty(project).GetProperty("env").ToString();
                Assert.All(referenced, r => Assert.Contains("{" + r + ".", environment));
                var external = resources.GetProperty(project).GetProperty("bindings").EnumerateObject()
                    .Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
                Assert.Equal(project is "orders" or "market" or "identity", external);
            }

            Assert.Contains("{finnhub-api-key.value}", resources.GetProperty("market").GetProperty("env").GetProperty("Finnhub__ApiKey").GetString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
