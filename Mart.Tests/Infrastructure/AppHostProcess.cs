using System.Diagnostics;

namespace Mart.Tests.Infrastructure;

/// <summary>Mart.AppHost as a person runs it: its own process, with its exit code and everything it printed.</summary>
public static class AppHostProcess
{
    public static string AssemblyPath
    {
        get
        {
            var project = Projects.Mart_AppHost.ProjectPath;
            var projectDirectory = Directory.Exists(project) ? project : Path.GetDirectoryName(project)!;

            // The tests run from Mart.Tests/bin/<configuration>/net10.0; the AppHost was built in the same configuration.
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "Debug";
            return Path.Combine(projectDirectory, "bin", configuration, "net10.0", "Mart.AppHost.dll");
        }
    }

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;

    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
