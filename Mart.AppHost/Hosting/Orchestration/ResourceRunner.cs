namespace Mart.Hosting.Orchestration;

/// <summary>Brings one resource of the model to life and keeps it there until the application stops.</summary>
internal abstract class ResourceRunner(IResource resource, RunContext context)
{
    public IResource Resource { get; } = resource;

    protected RunContext Context { get; } = context;

    /// <summary>Runs the resource until <paramref name="cancellationToken"/> fires; returns once it is stopped.</summary>
    public abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>The stop command: the resource stops and stays stopped until started again.</summary>
    public abstract Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The start command, for a resource that was stopped.</summary>
    public abstract void Start();

    internal void ReportFatal(string error)
    {
        Context.Console.Write($"{Resource.Name}: {error}");
        Context.Notifications.Update(Resource.Name, s => s with
        {
            State = ResourceStates.Failed,
            Health = HealthStates.Unhealthy,
            Error = error,
            IsFatal = true,
        });
    }

    /// <summary>Health probes are short-lived: a stuck server counts as unhealthy rather than hanging the probe.</summary>
    protected static async Task<bool> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await probe(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
