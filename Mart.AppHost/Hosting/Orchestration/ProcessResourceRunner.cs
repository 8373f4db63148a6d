namespace Mart.Hosting.Orchestration;

/// <summary>A resource made of one or more supervised processes (servers, projects).</summary>
internal abstract class ProcessResourceRunner : ResourceRunner
{
    private readonly ReplicaStatus[] _replicas;
    private readonly ProcessSupervisor[] _supervisors;

    protected ProcessResourceRunner(IResource resource, RunContext context, int replicas) : base(resource, context)
    {
        Replicas = replicas;
        _replicas = Enumerable.Repeat(ReplicaStatus.Initial, replicas).ToArray();
        _supervisors = Enumerable.Range(0, replicas).Select(i => new ProcessSupervisor(this, i, context)).ToArray();
    }

    public int Replicas { get; }

    /// <summary>The signal that asks the process to shut down cleanly.</summary>
    public virtual int StopSignal => NativeMethods.SIGTERM;

    public virtual TimeSpan StopTimeout => TimeSpan.FromSeconds(10);

    /// <summary>Makes everything ready for a start (folders, config files) and says what to run.</summary>
    public abstract Task<ProcessSpec> PrepareAsync(int replica, CancellationToken cancellationToken);

    public abstract Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken);

    public override Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_supervisors.Select(s => s.RunAsync(cancellationToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var supervisor in _supervisors)
        {
            supervisor.Stop();
        }

        await Context.Notifications.WaitForResourceAsync(Resource.Name, s => s.State == ResourceStates.Stopped || s.IsFatal, cancellationToken).ConfigureAwait(false);
    }

    public override void Start()
    {
        foreach (var supervisor in _supervisors)
        {
            supervisor.Start();
        }
    }

    internal void ReportReplica(int replica, ReplicaStatus status)
    {
        lock (_replicas)
        {
            _replicas[replica] = status;
            var (state, health) = ReplicaStatus.Combine(_replicas);
            var pids = _replicas.Where(r => r.ProcessId is not null).Select(r => r.ProcessId!.Value).ToList();
            var restarts = _replicas.Sum(r => r.Restarts);
            Context.Notifications.Update(Resource.Name, s => s with
            {
                State = state,
                Health = health,
                ProcessIds = pids,
                Restarts = restarts,
                ExitCode = status.ExitCode ?? s.ExitCode,
                Error = null,
                IsFatal = false,
            });
        }
    }
}
