using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mart.AppHost.Servers;

/// <summary>Runs a short set-up command (initdb, chown) to completion, its output going to the resource's console log.</summary>
internal static class ShortCommand
{
    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, ILogger resourceLog, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        using var process = new Process { StartInfo = info };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (output)
                {
                    output.Add(line);
                }

                ServerLog.CommandOutput(resourceLog, line);
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new DistributedApplicationException(
                    $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(20))}");
            }
        }
    }
}
