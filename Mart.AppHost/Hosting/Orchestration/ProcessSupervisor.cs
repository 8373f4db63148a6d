using System.Diagnostics;

namespace Mart.Hosting.Orchestration;

/// <summary>
/// Keeps one process of a resource running: starts it, watches its health, restarts it with backoff when it dies,
/// and stops it (politely, then by force) when asked.
/// </summary>
internal sealed class ProcessSupervisor(ProcessResourceRunner owner, int replica, RunContext context)
{
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _wake = new(0);
    private volatile bool _wanted = true;
    private CancellationTokenSource _stopRequested = new();
    private int _restarts;

    private enum Outcome { Stopped, Crashed, CrashedAfterStableRun, Fatal }

    public string DisplayName => owner.Replicas == 1 ? owner.Resource.Name : $"{owner.Resource.Name}-{replica}";

    public async Task RunAsync(CancellationToken appStopping)
    {
        var failuresInARow = 0;
        try
        {
            while (!appStopping.IsCancellationRequested)
            {
                if (!_wanted)
                {
                    Report(ResourceStates.Stopped, HealthStates.Unknown, null, null);
                    await _wake.WaitAsync(appStopping).ConfigureAwait(false);
                    continue;
                }

                using var incarnation = CancellationTokenSource.CreateLinkedTokenSource(appStopping, _stopRequested.Token);
                var outcome = await RunOnceAsync(incarnation.Token).ConfigureAwait(false);
                switch (outcome)
                {
                    case Outcome.Fatal:
                        return;
                    case Outcome.Stopped:
                        failuresInARow = 0;
                        continue;
                    case Outcome.CrashedAfterStableRun:
                        failuresInARow = 0;
                        break;
                    default:
                        failuresInARow++;
                        break;
                }

                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failuresInARow - 1)));
                context.Console.Write($"{DisplayName}: restarting in {backoff.TotalSeconds:0}s.");
                try
                {
                    await Task.Delay(backoff, context.TimeProvider, incarnation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!appStopping.IsCancellationRequested)
                {
                    continue; // Stopped during the backoff: the loop reports it.
                }

                _restarts++;
            }
        }
        catch (OperationCanceledException) when (appStopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the process and keeps it stopped until <see cref="Start"/>.</summary>
    public void Stop()
    {
        _wanted = false;
        _stopRequested.Cancel();
    }

    public void Start()
    {
        if (!_wanted)
        {
            _stopRequested = new CancellationTokenSource();
            _wanted = true;
            _wake.Release();
        }
    }

    private async Task<Outcome> RunOnceAsync(CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            var spec = await owner.PrepareAsync(replica, cancellationToken).ConfigureAwait(false);
            Report(ResourceStates.Starting, HealthStates.Unknown, null, null);
            process = await ProcessSpawner.StartAsync(spec, (line, isError) => context.ConsoleLogs.Append(DisplayName, line, isError)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Report(ResourceStates.Stopped, HealthStates.Unknown, null, null);
            return Outcome.Stopped;
        }
        catch (Exception ex) when (ex is DistributedApplicationException or System.ComponentModel.Win32Exception)
        {
            owner.ReportFatal(ex.Message);
            return Outcome.Fatal;
        }

        using (process)
        {
            var pid = process.Id;
            var exited = process.WaitForExitAsync(CancellationToken.None);
            var startedAt = context.TimeProvider.GetUtcNow();
            var everHealthy = false;
            Report(ResourceStates.Starting, HealthStates.Unknown, pid, null);
            try
            {
                while (!exited.IsCompleted)
                {
                    var healthy = await owner.IsHealthyAsync(replica, cancellationToken).ConfigureAwait(false);
                    if (exited.IsCompleted)
                    {
                        break;
                    }

                    if (healthy || everHealthy)
                    {
                        everHealthy = true;
                        Report(ResourceStates.Running, healthy ? HealthStates.Healthy : HealthStates.Unhealthy, pid, null);
                    }

                    await Task.WhenAny(exited, Task.Delay(everHealthy ? RunningProbeInterval : StartingProbeInterval, context.TimeProvider, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopProcessAsync(process).ConfigureAwait(false);
                Report(ResourceStates.Stopped, HealthStates.Unknown, null, process.HasExited ? process.ExitCode : null);
                return Outcome.Stopped;
            }

            await exited.ConfigureAwait(false);
            var exitCode = process.ExitCode;
            Report(exitCode == 0 ? ResourceStates.Exited : ResourceStates.Failed, HealthStates.Unhealthy, null, exitCode);
            var lastLines = context.ConsoleLogs.GetLines(DisplayName, 20).Select(l => "    " + l.Text);
            context.Console.Write(everHealthy
                ? $"{DisplayName} exited with code {exitCode}."
                : $"{DisplayName} exited with code {exitCode} before it became healthy. Its last lines:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, lastLines)}");
            return context.TimeProvider.GetUtcNow() - startedAt > StableRun ? Outcome.CrashedAfterStableRun : Outcome.Crashed;
        }
    }

    private async Task StopProcessAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && NativeMethods.SendSignal(process.Id, owner.StopSignal))
        {
            using var timeout = new CancellationTokenSource(owner.StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                context.Console.Write($"{DisplayName} did not stop within {owner.StopTimeout.TotalSeconds:0}s; killing it.");
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Report(string state, string health, int? pid, int? exitCode) =>
        owner.ReportReplica(replica, new ReplicaStatus(state, health, pid, exitCode, _restarts));
}
