using Mart.Hosting;
using Mart.Hosting.Testing;

namespace Mart.Tests.Unit.Hosting;

public sealed class ApplicationModelTests
{
    [Fact]
    public async Task The_AppHost_program_declares_the_whole_system()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var names = builder.Resources.Select(r => $"{r.Type}:{r.Name}").ToList();
        Assert.Equal(
            ["Postgres:postgres", "PostgresDatabase:productsdb", "PostgresDatabase:ordersdb", "PostgresDatabase:paymentsdb",
             "PostgresDatabase:marketdb", "Redis:redis", "Project:products", "Project:payments", "Project:orders",
             "Parameter:finnhub-api-key", "Project:market"],
            names);

        var orders = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "orders");
        Assert.Equal(["ordersdb", "redis", "products", "payments"], orders.Annotations.References.Select(r => r.Name));
        Assert.Equal(["ordersdb", "redis"], orders.Annotations.WaitsFor.Select(r => r.Name));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            Assert.True(File.Exists(project.ProjectPath), project.ProjectPath);
            Assert.Contains(project.Annotations.WaitsFor, r => r is RedisResource);
            Assert.Contains(project.Annotations.WaitsFor, r => r is PostgresDatabaseResource);
        }
    }

    [Fact]
    public void A_resource_name_can_be_used_once()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddRedis("cache"));
        Assert.Contains("'cache'", error.Message);
    }

    [Fact]
    public void A_project_path_that_does_not_exist_is_reported()
    {
        var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddProject("ghost", "../Mart.Ghost/Mart.Ghost.csproj"));
        Assert.Contains("Mart.Ghost.csproj", error.Message);
    }

    [Fact]
    public void Stable_ports_come_from_the_projects_launch_profiles()
    {
        var builder = DistributedApplicationTestingBuilder.Create();

        Assert.Equal(5101, builder.AddProject("products", "../Mart.Products/Mart.Products.csproj").Resource.HttpEndpoint.PreferredPort);
        Assert.Equal(5102, builder.AddProject("orders", "../Mart.Orders/Mart.Orders.csproj").Resource.HttpEndpoint.PreferredPort);
    }
}
