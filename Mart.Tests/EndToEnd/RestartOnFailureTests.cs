using System.Diagnostics;
using System.Net;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd;

/// <summary>WithRestartOnFailure: a process killed from outside comes back, Running and Healthy, as a new process.</summary>
[Collection("app")]
public sealed class RestartOnFailureTests(MartAppFixture fixture)
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var launcher = App.ResourceNotifications.GetSnapshot("payments").ProcessId();
        var pid = App.ResourceNotifications.ServiceProcessId("payments");
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }

        await WaitForNewProcessAsync("payments", launcher);

        Assert.False(ProcessTable.IsAlive(pid), "the killed process is gone");
        using var http = App.CreateHttpClient("payments");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Contains("without being asked to stop", await App.LastLogLinesAsync("payments", 400));
    }

    [Fact]
    public async Task A_killed_redis_server_is_restarted_with_its_data()
    {
        var key = $"restart-test:{Guid.NewGuid():N}";
        await using (var before = await ConnectRedisAsync())
        {
            Assert.True(await before.Database.StringSetAsync(key, "kept"));
        }

        var pid = App.ResourceNotifications.GetSnapshot("redis").ProcessId()!.Value;
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }

        await WaitForNewProcessAsync("redis", pid);

        await using var after = await ConnectRedisAsync();
        Assert.Equal("kept", (string?)await after.Database.StringGetAsync(key));

        // The services reconnect to it on their own.
        foreach (var service in MartAppFixture.Services)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(service, new CancellationTokenSource(TestTimeouts.ServerStart).Token);
        }
    }

    private async Task WaitForNewProcessAsync(string resource, int? oldPid)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await App.ResourceNotifications.WaitForResourceAsync(
            resource,
            e => e.Snapshot.IsRunningAndHealthy() && e.Snapshot.ProcessId() is { } now && now != oldPid,
            timeout.Token);
    }

    private async Task<TestRedis> ConnectRedisAsync() => await TestRedis.ConnectAsync((await App.GetConnectionStringAsync("redis"))!);
}
