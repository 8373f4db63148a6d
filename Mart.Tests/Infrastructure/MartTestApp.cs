using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// Mart.AppHost's own model (its Program.cs) under Aspire's test host: random ports, a throw-away state folder,
/// and servers that skip fsync. Disposing waits until DCP has ended every process and then removes the state.
/// </summary>
public sealed class MartTestApp : IAsyncDisposable
{
    private MartTestApp(DistributedApplication app, string state)
    {
        AppResources.Track(app);
        App = app;
        StateFolder = state;
    }

    public DistributedApplication App { get; }

    public string StateFolder { get; }

    /// <summary>The AppHost's model, for a test to trim or adjust before it is built.</summary>
    public static async Task<(IDistributedApplicationTestingBuilder Builder, string StateFolder)> CreateBuilderAsync(string? stateFolder = null, params string[] arguments)
    {
        var state = stateFolder ?? Directory.CreateTempSubdirectory("mart-state-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Mart_AppHost>(
            [$"--AppHost:StateFolder={state}", "--AppHost:DurableState=false", "--DcpPublisher:RandomizePorts=true",
             // Given, the generated secrets are neither made nor kept in the AppHost's user secrets, which are the developer's.
             $"--Parameters:identity-admin-password=Test-{Guid.NewGuid():N}-1a", $"--Parameters:products-identity-secret={Guid.NewGuid():N}",
             .. arguments]);

        // The test host runs no dashboard, so nothing listens where Aspire points the services' OTLP exporters, and
        // an exporter retrying a dead endpoint would hold a stopping service past DCP's stop timeout.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }

        // A fixture signs its callers in once and outlives the 15-minute default; tests of expiry set their own. The
        // tests sign up and sign in hundreds of customers from one address: the per-address limit has tests of its own.
        Environment(builder, "identity", ("Identity__AccessTokenLifetime", "01:00:00"), ("Identity__Limits__PermitsPerMinute", "100000"));
        MartCallers.RegisterTestClient(builder);
        return (builder, state);
    }

    /// <summary>
    /// Removes resources a fixture does not need (and what only they used), and the references the others made to
    /// them: a remaining service sees no address of a removed one, as if it had never been referenced.
    /// </summary>
    public static void Remove(IDistributedApplicationTestingBuilder builder, params string[] names)
    {
        var removed = builder.Resources.Where(r => names.Contains(r.Name)).ToHashSet();
        foreach (var resource in removed)
        {
            builder.Resources.Remove(resource);
        }

        // An endpoint of a removed resource is never allocated, and a variable naming it would hold its service's start.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context =>
            {
                foreach (var name in context.EnvironmentVariables.Where(v => RefersTo(v.Value, removed)).Select(v => v.Key).ToList())
                {
                    context.EnvironmentVariables.Remove(name);
                }
            });
        }
    }

    private static bool RefersTo(object? value, HashSet<IResource> removed) => value switch
    {
        IResource resource => removed.Contains(resource),
        IValueWithReferences composite => composite.References.Any(reference => RefersTo(reference, removed)),
        _ => false,
    };

    public static void Environment(IDistributedApplicationTestingBuilder builder, string project, params (string Name, string Value)[] variables)
    {
        var resource = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == project));
        foreach (var (name, value) in variables)
        {
            resource.WithEnvironment(name, value);
        }
    }

    /// <summary>Takes charge of an application a test builds and starts itself.</summary>
    public static MartTestApp Adopt(DistributedApplication app, string stateFolder) => new(app, stateFolder);

    /// <summary>Builds, starts and waits until every resource is Running and Healthy.</summary>
    public static async Task<MartTestApp> StartAsync(IDistributedApplicationTestingBuilder builder, string stateFolder, bool ownsState = true)
    {
        var app = await builder.BuildAsync();
        var started = new MartTestApp(app, ownsState ? stateFolder : "");
        try
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.WholeApplication);
            await app.StartAsync(timeout.Token);
            await WaitForAllHealthyAsync(app, timeout.Token);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public static async Task WaitForAllHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource))
        {
            // Aspire adds hidden helpers (e.g. "products-rebuilder") that never start; they are no part of Mart.
            if (app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current) && current.Snapshot.IsHidden)
            {
                continue;
            }

            try
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                app.ResourceNotifications.TryGetCurrentState(resource.Name, out var update);
                throw new TimeoutException(
                    $"'{resource.Name}' did not become healthy: {update?.Snapshot.State?.Text} {update?.Snapshot.HealthStatus}{System.Environment.NewLine}" +
                    await app.LastLogLinesAsync(resource.Name, 40));
            }
        }
    }

    /// <summary>Stops the application and waits (DCP ends the children some seconds later) until no process of it is left.</summary>
    public async ValueTask DisposeAsync()
    {
        var processes = App.AllProcesses();
        await App.DisposeAsync();
        var gone = await ProcessTable.WaitUntilAllGoneAsync(processes, TimeSpan.FromSeconds(90));
        if (StateFolder.Length > 0 && Directory.Exists(StateFolder))
        {
            Directory.Delete(StateFolder, recursive: true);
        }

        if (!gone)
        {
            throw new InvalidOperationException($"Processes left after the application stopped: {string.Join(", ", processes.Where(ProcessTable.IsAlive))}");
        }
    }
}
