using System.Diagnostics;
using Mart.Hosting.Orchestration;

namespace Mart.Tests.EndToEnd;

/// <summary>The AppHost as a person runs it: its own process, its own exit code and messages.</summary>
public sealed class AppHostCommandLineTests
{
    [Fact]
    public async Task Without_redis_server_on_the_machine_it_says_what_to_install_and_exits()
    {
        var state = Directory.CreateTempSubdirectory("mart-missing-").FullName;
        try
        {
            // A PATH with only the dotnet host on it: redis-server cannot be found.
            var (exitCode, output) = await RunAppHostAsync(
                ["--AppHost:RandomizePorts=true", $"--AppHost:StateFolder={state}"],
                ("PATH", Path.GetDirectoryName(ExecutableLocator.FindDotnetHost())!));

            Assert.Equal(1, exitCode);
            Assert.Contains("redis-server was not found", output);
            Assert.Contains("apt-get install redis-server", output);
            Assert.Contains("brew install redis", output);
            Assert.Contains("ConnectionStrings__redis", output);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAppHostAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var appHost = typeof(Mart.Hosting.DistributedApplication).Assembly.Location;
        var info = new ProcessStartInfo(ExecutableLocator.FindDotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(appHost);
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
