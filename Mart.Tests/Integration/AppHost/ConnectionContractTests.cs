using Mart.AppHost;

namespace Mart.Tests.Integration.AppHost;

/// <summary>
/// The machine's PostgreSQL and Redis stand in for Aspire's containers: a service referencing either gets the same
/// connection string and the same variables, placeholder for placeholder.
/// </summary>
public sealed class ConnectionContractTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("mart-contract-").FullName;

    [Fact]
    public void Local_servers_expose_what_the_containers_expose()
    {
        var containers = Model(["--AppHost:UseContainers=true"]);
        var local = Model([$"--AppHost:StateFolder={_state}"]);

        Assert.IsAssignableFrom<ContainerResource>(containers["postgres"]);
        Assert.IsAssignableFrom<ExecutableResource>(local["postgres"]);
        foreach (var name in new[] { "postgres", "productsdb", "redis" })
        {
            Assert.Equal(containers[name].ConnectionStringExpression.ValueExpression, local[name].ConnectionStringExpression.ValueExpression);
            Assert.Equal(Properties(containers[name]), Properties(local[name]));
        }
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static Dictionary<string, string> Properties(IResourceWithConnectionString resource) =>
        resource.GetConnectionProperties().ToDictionary(p => p.Key, p => p.Value.ValueExpression);

    private static Dictionary<string, IResourceWithConnectionString> Model(string[] arguments)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = arguments, DisableDashboard = true });
        var postgres = builder.AddMartPostgres("postgres");
        var database = postgres.AddMartDatabase("productsdb");
        var redis = builder.AddMartRedis("redis");
        return new() { ["postgres"] = postgres.Resource, ["productsdb"] = database.Resource, ["redis"] = redis.Resource };
    }
}
