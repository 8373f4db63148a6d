using Mart.Hosting;
using Mart.Hosting.Orchestration;
using Mart.Hosting.Testing;

namespace Mart.Tests.Unit.Hosting;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public async Task A_project_gets_Aspire_variable_names_and_value_formats()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        var ordersDb = postgres.AddDatabase("ordersdb");
        var redis = builder.AddRedis("redis");
        var products = builder.AddProject("products", "../Mart.Products/Mart.Products.csproj");
        var orders = builder.AddProject("orders", "../Mart.Orders/Mart.Orders.csproj")
            .WithReference(ordersDb).WithReference(redis).WithReference(products)
            .WithEnvironment("Orders__FeeRate", "0.2");
        postgres.Resource.PrimaryEndpoint.AllocatedPort = 54999;
        postgres.Resource.Password = "pgsecret";
        redis.Resource.PrimaryEndpoint.AllocatedPort = 63999;
        redis.Resource.Password = "redissecret";
        products.Resource.HttpEndpoint.AllocatedPort = 5101;

        var env = await ProjectEnvironment.BuildAsync(
            orders.Resource, "orders-1a2b3c4d", "http://localhost:5102", "Development", "http://localhost:18888", CancellationToken.None);

        Assert.Equal("Host=127.0.0.1;Port=54999;Username=postgres;Password=pgsecret;Database=ordersdb", env["ConnectionStrings__ordersdb"]);
        Assert.Equal("127.0.0.1:63999,password=redissecret", env["ConnectionStrings__redis"]);
        Assert.Equal("http://localhost:5101", env["services__products__http__0"]);
        Assert.Equal("http://localhost:5101", env["PRODUCTS_HTTP"]);
        Assert.Equal("http://localhost:5102", env["ASPNETCORE_URLS"]);
        Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("http://localhost:18888", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("orders", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=orders-1a2b3c4d", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("1000", env["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", env["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", env["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("0.2", env["Orders__FeeRate"]);
        Assert.False(env.ContainsKey("ConnectionStrings__postgres"), "only referenced resources are passed");
        Assert.False(env.ContainsKey("services__orders__http__0"), "a project is not given its own URL as a reference");
    }

    [Fact]
    public async Task Outside_development_the_export_delays_are_left_to_the_defaults()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var market = builder.AddProject("market", "../Mart.Market/Mart.Market.csproj");

        var env = await ProjectEnvironment.BuildAsync(market.Resource, "market-1", "http://localhost:5104", "Production", null, CancellationToken.None);

        Assert.Equal("Production", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.False(env.ContainsKey("OTEL_BSP_SCHEDULE_DELAY"));
        Assert.False(env.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"), "no exporter endpoint without a receiver");
    }

    [Theory]
    [InlineData("products", "PRODUCTS")]
    [InlineData("order-api", "ORDER_API")]
    [InlineData("a.b", "A_B")]
    public void Endpoint_variable_names_are_upper_case_with_underscores(string resource, string expected) =>
        Assert.Equal(expected, ProjectEnvironment.EnvironmentVariableName(resource));

    [Fact]
    public async Task A_parameter_is_passed_when_configured_and_left_out_when_not()
    {
        var builder = DistributedApplicationTestingBuilder.Create("--Parameters:configured-key=s3cret");
        var configured = builder.AddParameter("configured-key", secret: true);
        var missing = builder.AddParameter("missing-key", secret: true);
        var market = builder.AddProject("market", "../Mart.Market/Mart.Market.csproj")
            .WithEnvironment("Configured__Key", configured)
            .WithEnvironment("Missing__Key", missing);

        var env = await ProjectEnvironment.BuildAsync(market.Resource, "market-1", "http://localhost:5104", "Development", null, CancellationToken.None);

        Assert.Equal("s3cret", env["Configured__Key"]);
        Assert.False(env.ContainsKey("Missing__Key"));
        Assert.Throws<DistributedApplicationException>(() => missing.Resource.Value);
    }
}
