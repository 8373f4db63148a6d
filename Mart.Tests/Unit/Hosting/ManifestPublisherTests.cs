using System.Text.Json;
using Mart.Hosting.Testing;

namespace Mart.Tests.Unit.Hosting;

public sealed class ManifestPublisherTests
{
    [Fact]
    public async Task Publish_mode_writes_an_Aspire_manifest_of_the_model()
    {
        var output = Directory.CreateTempSubdirectory("mart-manifest-").FullName;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(["--publisher", "manifest", "--output-path", output]);
            await using var app = await builder.BuildAsync();
            await app.RunAsync();

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json")));
            var resources = manifest.RootElement.GetProperty("resources");
            Assert.Equal("container.v0", resources.GetProperty("postgres").GetProperty("type").GetString());
            Assert.Equal("{postgres.connectionString};Database=ordersdb", resources.GetProperty("ordersdb").GetProperty("connectionString").GetString());
            Assert.True(resources.GetProperty("postgres-password").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());

            var orders = resources.GetProperty("orders");
            Assert.Equal("project.v0", orders.GetProperty("type").GetString());
            Assert.EndsWith("Mart.Orders/Mart.Orders.csproj", orders.GetProperty("path").GetString());
            var env = orders.GetProperty("env");
            Assert.Equal("{ordersdb.connectionString}", env.GetProperty("ConnectionStrings__ordersdb").GetString());
            Assert.Equal("{redis.connectionString}", env.GetProperty("ConnectionStrings__redis").GetString());
            Assert.Equal("{products.bindings.http.url}", env.GetProperty("services__products__http__0").GetString());
            Assert.True(orders.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
            Assert.False(resources.GetProperty("products").GetProperty("bindings").GetProperty("http").TryGetProperty("external", out _));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
