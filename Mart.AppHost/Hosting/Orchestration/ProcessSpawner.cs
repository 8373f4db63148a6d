using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mart.Hosting.Orchestration;

/// <summary>
/// Starts child processes so they never outlive the AppHost. On Linux each child is started through
/// <c>setpriv --pdeathsig</c>, which asks the kernel to signal it when its parent goes away, even on SIGKILL.
/// The kernel ties that to the thread that forked the child, so every child is forked from one dedicated thread
/// that lives as long as the process.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = [];
    private static readonly Lazy<string?> Setpriv = new(() => ExecutableLocator.FindOnPath("setpriv"));
    private static readonly Lazy<string?> Setsid = new(() => ExecutableLocator.FindOnPath("setsid"));

    static ProcessSpawner()
    {
        var thread = new Thread(SpawnLoop) { IsBackground = true, Name = "Mart process spawner" };
        thread.Start();
    }

    public static async Task<Process> StartAsync(ProcessSpec spec, Action<string, bool> onLine)
    {
        var process = new Process { StartInfo = CreateStartInfo(spec), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((process, started));
        await started.Task.ConfigureAwait(false);

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a short-lived command (initdb, chown) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunToCompletionAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        using var process = await StartAsync(spec, (line, _) => { lock (output) { output.Add(line); } }).ConfigureAwait(false);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return (process.ExitCode, output.ToList());
        }
    }

    private static void SpawnLoop()
    {
        foreach (var (process, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    private static string SignalName(int signal) => signal switch
    {
        NativeMethods.SIGINT => "INT",
        NativeMethods.SIGKILL => "KILL",
        NativeMethods.SIGTERM => "TERM",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "No name known for this signal."),
    };

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        if (OperatingSystem.IsLinux() && Setpriv.Value is { } setpriv)
        {
            // A session of its own keeps the terminal's Ctrl+C away from the child: the AppHost stops children
            // itself, in dependency order, and must not see them die and restart them meanwhile.
            if (Setsid.Value is { } setsid)
            {
                info.FileName = setsid;
                info.ArgumentList.Add(setpriv);
            }
            else
            {
                info.FileName = setpriv;
            }

            info.ArgumentList.Add($"--pdeathsig={SignalName(spec.ParentDeathSignal)}");
            if (spec.RunAsUser is not null)
            {
                info.ArgumentList.Add($"--reuid={spec.RunAsUser}");
                info.ArgumentList.Add($"--regid={spec.RunAsUser}");
                info.ArgumentList.Add("--init-groups");
            }

            info.ArgumentList.Add("--");
            info.ArgumentList.Add(spec.FileName);
        }
        else if (spec.RunAsUser is not null)
        {
            throw new DistributedApplicationException(
                $"Cannot run '{spec.FileName}' as user '{spec.RunAsUser}': 'setpriv' (util-linux) was not found on PATH.");
        }
        else
        {
            info.FileName = spec.FileName;
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
