namespace Mart.Hosting.Orchestration;

/// <summary>
/// A resource without a process of its own: an existing server reached through a configured connection string, or
/// a database inside a server. It is made ready once (<paramref name="prepare"/>, e.g. CREATE DATABASE), then
/// watched through its probe.
/// </summary>
internal sealed class ProbedResourceRunner(
    IResource resource, RunContext context, Func<CancellationToken, Task> probe, Func<CancellationToken, Task>? prepare = null)
    : ResourceRunner(resource, context)
{
    private volatile bool _stopped;
    private bool _prepared = prepare is null;

    public override async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_stopped)
                {
                    await ProbeOnceAsync(cancellationToken).ConfigureAwait(false);
                }

                var snapshot = Context.Notifications.GetSnapshot(Resource.Name);
                var interval = snapshot.Health == HealthStates.Healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200);
                await Task.Delay(interval, Context.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Context.Notifications.Update(Resource.Name, s => s with { State = ResourceStates.Stopped, Health = HealthStates.Unknown });
    }

    /// <summary>Nothing of ours runs, so stopping means no longer watching it.</summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        Context.Notifications.Update(Resource.Name, s => s with { State = ResourceStates.Stopped, Health = HealthStates.Unknown });
        return Task.CompletedTask;
    }

    public override void Start() => _stopped = false;

    private async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        string? error = null;
        if (!_prepared)
        {
            try
            {
                await prepare!(cancellationToken).ConfigureAwait(false);
                _prepared = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = ex.Message;
            }
        }

        var healthy = _prepared && await ProbeAsync(probe, cancellationToken).ConfigureAwait(false);
        if (_stopped)
        {
            return;
        }

        Context.Notifications.Update(Resource.Name, s => s with
        {
            State = healthy || s.State == ResourceStates.Running ? ResourceStates.Running : ResourceStates.Starting,
            Health = healthy ? HealthStates.Healthy : s.State == ResourceStates.Running ? HealthStates.Unhealthy : HealthStates.Unknown,
            Error = error,
        });
    }
}
