using Mart.Tests.Infrastructure;

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
            var (exitCode, output) = await AppHostProcess.RunAsync(
                [$"--AppHost:StateFolder={state}"],
                ("PATH", Path.GetDirectoryName(AppHostProcess.DotnetHost)!),
                ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"));

            Assert.NotEqual(0, exitCode);
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
}
