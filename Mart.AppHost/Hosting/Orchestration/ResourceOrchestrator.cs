namespace Mart.Hosting.Orchestration;

/// <summary>
/// Starts the model's resources once what they wait for is healthy, and stops them in the reverse order:
/// a resource stops only after everything that depends on it has stopped.
/// </summary>
internal sealed class ResourceOrchestrator(IReadOnlyList<IResource> model, RunContext context) : IAsyncDisposable
{
    private readonly Dictionary<string, ResourceRunner> _runners = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _launched = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Task> _running = [];
    private readonly List<ReplicaProxy> _proxies = [];
    private readonly CancellationTokenSource _appStopping = new();

    public ResourceNotificationService Notifications => context.Notifications;

    /// <summary>Checks the machine and gives every endpoint a port and every server a password.</summary>
    public void Prepare()
    {
        var runnable = model.Where(IsRunnable).ToList();
        Preflight(runnable);
        Allocate(runnable);
        foreach (var resource in runnable)
        {
            _runners[resource.Name] = CreateRunner(resource);
            context.Notifications.Register(resource, UrlsOf(resource));
        }
    }

    /// <summary>Launches every resource; each starts once what it waits for is healthy.</summary>
    public void Launch()
    {
        foreach (var runner in _runners.Values)
        {
            _running.Add(LaunchWhenReadyAsync(runner.Resource, _appStopping.Token));
        }
    }

    public ResourceRunner GetRunner(string resourceName) =>
        _runners.TryGetValue(resourceName, out var runner)
            ? runner
            : throw new ArgumentException($"There is no runnable resource named '{resourceName}'.", nameof(resourceName));

    /// <summary>Stops every resource, dependents first, then waits for all runners to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_appStopping.IsCancellationRequested)
        {
            return;
        }

        var byLevel = _runners.Values.GroupBy(r => Level(r.Resource)).OrderByDescending(g => g.Key);
        foreach (var level in byLevel)
        {
            await Task.WhenAll(level.Select(runner => StopOneAsync(runner, cancellationToken))).ConfigureAwait(false);
        }

        await _appStopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(false);
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }

        _proxies.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _appStopping.Dispose();
    }

    private async Task StopOneAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        bool launched;
        lock (_launched)
        {
            launched = _launched.Contains(runner.Resource.Name);
            _launched.Add(runner.Resource.Name); // From now on it will not be launched.
        }

        if (launched)
        {
            await runner.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            context.Notifications.Update(runner.Resource.Name, s => s with { State = ResourceStates.Stopped });
        }
    }

    private async Task LaunchWhenReadyAsync(IResource resource, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var dependency in resource.Annotations.WaitsFor.Where(IsRunnable))
            {
                await context.Notifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (DistributedApplicationException ex)
        {
            context.Console.Write($"{resource.Name} will not start: {ex.Message}");
            return;
        }

        lock (_launched)
        {
            if (!_launched.Add(resource.Name))
            {
                return; // Stopping began while it waited.
            }
        }

        await _runners[resource.Name].RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRunnable(IResource resource) =>
        resource is PostgresServerResource or PostgresDatabaseResource or RedisResource or ProjectResource;

    /// <summary>Missing server binaries are reported before anything starts.</summary>
    private static void Preflight(IEnumerable<IResource> resources)
    {
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case PostgresServerResource { ExistingConnectionString: null } when ExecutableLocator.FindPostgresBinDirectory() is null:
                    throw new DistributedApplicationException(PostgresRunner.MissingBinariesMessage);
                case RedisResource { ExistingConnectionString: null } when ExecutableLocator.FindOnPath("redis-server") is null:
                    throw new DistributedApplicationException(RedisRunner.MissingBinaryMessage);
                case ProjectResource project:
                    ProjectRunner.FindAssembly(project.ProjectPath);
                    break;
            }
        }
    }

    private void Allocate(IEnumerable<IResource> resources)
    {
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case PostgresServerResource { ExistingConnectionString: null } postgres:
                    postgres.PrimaryEndpoint.AllocatedPort = PortAllocator.Claim(postgres.PrimaryEndpoint, context.Options.RandomizePorts);
                    postgres.Password = context.State.GetOrCreateSecret(postgres.Name, "password");
                    break;
                case RedisResource { ExistingConnectionString: null } redis:
                    redis.PrimaryEndpoint.AllocatedPort = PortAllocator.Claim(redis.PrimaryEndpoint, context.Options.RandomizePorts);
                    redis.Password = context.State.GetOrCreateSecret(redis.Name, "password");
                    break;
                case ProjectResource project:
                    project.HttpEndpoint.AllocatedPort = PortAllocator.Claim(project.HttpEndpoint, context.Options.RandomizePorts);
                    break;
            }
        }
    }

    private ResourceRunner CreateRunner(IResource resource) => resource switch
    {
        PostgresServerResource { ExistingConnectionString: not null } postgres =>
            new ProbedResourceRunner(postgres, context, ct => PostgresRunner.ProbeServerAsync(postgres.ConnectionString, ct)),
        PostgresServerResource postgres => new PostgresRunner(postgres, context),
        PostgresDatabaseResource database => new ProbedResourceRunner(
            database,
            context,
            ct => PostgresRunner.ProbeServerAsync(database.Parent.ConnectionStringFor(database.DatabaseName), ct),
            ct => PostgresDatabaseCreator.EnsureCreatedAsync(database, ct)),
        RedisResource { ExistingConnectionString: not null } redis =>
            new ProbedResourceRunner(redis, context, ct => RedisRunner.PingAsync(redis.ConnectionString, ct)),
        RedisResource redis => new RedisRunner(redis, context),
        ProjectResource project => new ProjectRunner(project, context, ReplicaPorts(project)),
        _ => throw new InvalidOperationException($"No runner for {resource.GetType().Name}."),
    };

    /// <summary>One replica listens on the endpoint itself; several listen on their own ports behind a proxy on it.</summary>
    private List<int> ReplicaPorts(ProjectResource project)
    {
        if (project.Annotations.Replicas == 1)
        {
            return [project.HttpEndpoint.Port];
        }

        var ports = Enumerable.Range(0, project.Annotations.Replicas).Select(_ => PortAllocator.GetFreePort()).ToList();
        var proxy = new ReplicaProxy(project.HttpEndpoint.Port, ports);
        proxy.Start();
        _proxies.Add(proxy);
        return ports;
    }

    private static List<string> UrlsOf(IResource resource) => resource switch
    {
        ProjectResource project => [project.HttpEndpoint.Url],
        IResourceWithEndpoints { } withEndpoints when withEndpoints.Endpoints.All(e => e.IsAllocated) =>
            withEndpoints.Endpoints.Select(e => $"{e.Scheme}://127.0.0.1:{e.Port}").ToList(),
        _ => [],
    };

    /// <summary>How deep the resource sits in the dependency graph: servers 0, databases 1, projects above.</summary>
    private static int Level(IResource resource, int depth = 0)
    {
        if (depth > 64)
        {
            throw new DistributedApplicationException($"Resource '{resource.Name}' is part of a dependency cycle.");
        }

        var dependencies = resource.Annotations.WaitsFor.Concat(resource.Annotations.References).Distinct().ToList();
        return dependencies.Count == 0 ? 0 : 1 + dependencies.Max(d => Level(d, depth + 1));
    }
}
