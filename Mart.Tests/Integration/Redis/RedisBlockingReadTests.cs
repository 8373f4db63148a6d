using System.Diagnostics;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using static Mart.Tests.Integration.Redis.RedisTestClient;

namespace Mart.Tests.Integration.Redis;

[Collection("servers")]
public sealed class RedisBlockingReadTests(ServersFixture servers) : IAsyncLifetime
{
    private readonly RedisClient redis = Create(servers);
    private readonly string stream = UniqueKey("blocking");

    public Task InitializeAsync() => redis.StreamCreateGroupAsync(stream, "g");

    public Task DisposeAsync() => redis.DisposeAsync().AsTask();

    [Fact]
    public async Task A_blocked_read_does_not_delay_ordinary_commands()
    {
        var key = UniqueKey("while-blocked");
        await redis.SetAsync(key, "v");
        await using var reader = await redis.CreateBlockingReaderAsync();

        var blocked = reader.ReadGroupAsync(stream, "g", "c", ">", 10, TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("v", await redis.GetStringAsync(key));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"20 GETs took {clock.Elapsed} during a blocked read");
        Assert.False(blocked.IsCompleted);
        var id = await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["n"] = "1" });
        var entries = await blocked.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal([id], entries.Select(e => e.Id));
    }

    [Fact]
    public async Task A_read_that_finds_nothing_returns_empty_after_the_block_time()
    {
        await using var reader = await redis.CreateBlockingReaderAsync();
        var clock = Stopwatch.StartNew();

        var entries = await reader.ReadGroupAsync(stream, "g", "c", ">", 10, TimeSpan.FromMilliseconds(300));

        Assert.Empty(entries);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_a_blocked_read_returns_at_once_and_the_reader_recovers()
    {
        await using var reader = await redis.CreateBlockingReaderAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            reader.ReadGroupAsync(stream, "g", "c", ">", 10, TimeSpan.FromSeconds(10), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancellation took {clock.Elapsed}");
        var id = await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["n"] = "1" });
        Assert.Equal([id], (await reader.ReadGroupAsync(stream, "g", "c", ">", 10, TimeSpan.FromSeconds(1))).Select(e => e.Id));
    }

    [Fact]
    public async Task Disposing_a_reader_ends_its_blocked_read()
    {
        var reader = await redis.CreateBlockingReaderAsync();
        var blocked = reader.ReadGroupAsync(stream, "g", "c", ">", 10, TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        await reader.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<RedisConnectionException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(2)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.ReadGroupAsync(stream, "g", "c", ">", 1, null));
    }

    [Fact]
    public async Task Each_reader_has_a_connection_of_its_own()
    {
        var name = "reader-" + Guid.NewGuid().ToString("N");
        await using var first = await redis.CreateBlockingReaderAsync(name);
        await using var second = await redis.CreateBlockingReaderAsync(name);

        var blockedFirst = first.ReadGroupAsync(stream, "g", "c1", ">", 1, TimeSpan.FromSeconds(3));
        var blockedSecond = second.ReadGroupAsync(stream, "g", "c2", ">", 1, TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        var clients = (await redis.ExecuteAsync("CLIENT", CancellationToken.None, "LIST")).AsString()!;
        await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["n"] = "1" });
        await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["n"] = "2" });

        Assert.Equal(2, clients.Split('\n').Count(line => line.Contains($"name={name} ", StringComparison.Ordinal) && line.Contains("cmd=xreadgroup", StringComparison.Ordinal)));
        Assert.Single(await blockedFirst.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Single(await blockedSecond.WaitAsync(TimeSpan.FromSeconds(2)));
    }
}
