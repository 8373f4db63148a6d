using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

/// <summary>
/// The AppHost's model trimmed to PostgreSQL and identity, plus a second instance of Mart.Identity on the same
/// database with the same issuer (<see cref="Replica"/>), as two replicas behind one URL would be; the replica has a
/// low rate limit on password checks.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public const string Replica = "identity-replica";

    /// <summary>The replica's password-checking posts per client IP per minute, low so a test can reach it.</summary>
    public const int ReplicaPermitsPerMinute = 3;

    private static readonly HashSet<string> Kept = ["postgres", "identitydb", "identity"];

    private MartTestApp? _app;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public IdentityClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (builder, state) = await MartTestApp.CreateBuilderAsync();
        MartTestApp.Remove(builder, [.. builder.Resources.Where(r => r is not ParameterResource && !Kept.Contains(r.Name)).Select(r => r.Name)]);
        // Identity's own tests see its configured lifetime, not the hour other fixtures give their long-lived callers.
        MartTestApp.Environment(builder, "identity", ("Identity__AccessTokenLifetime", "00:15:00"));
        AddReplica(builder);
        _app = await MartTestApp.StartAsync(builder, state);
        Client = IdentityClient.For(App);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static void AddReplica(IDistributedApplicationTestingBuilder builder)
    {
        var identity = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "identity"));
        var database = builder.CreateResourceBuilder(builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "identitydb"));
        var adminPassword = builder.CreateResourceBuilder(builder.Resources.OfType<ParameterResource>().Single(r => r.Name == IdentityClient.AdminPasswordParameter));

        // No wait for the first instance: both start at once, racing for the keys, the clients and the admin.
        builder.AddProject<Projects.Mart_Identity>(Replica)
            .WithHttpHealthCheck("/health")
            .WithReference(database).WaitFor(database)
            .WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"))
            .WithEnvironment("Identity__Admin__Password", adminPassword)
            .WithEnvironment("Identity__Limits__PermitsPerMinute", ReplicaPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
}

[CollectionDefinition("identity")]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>;
