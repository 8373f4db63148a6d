using System.Text;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using static Mart.Tests.Integration.Redis.RedisTestClient;

namespace Mart.Tests.Integration.Redis;

[Collection("servers")]
public sealed class RedisStreamCommandsTests(ServersFixture servers) : IAsyncLifetime
{
    private static readonly TimeSpan ShortBlock = TimeSpan.FromMilliseconds(100);

    private readonly RedisClient redis = Create(servers);
    private readonly string stream = UniqueKey("stream");
    private IRedisStreamReader? reader;

    private IRedisStreamReader Reader => reader!;

    public async Task InitializeAsync() => reader = await redis.CreateBlockingReaderAsync("stream-tests");

    public async Task DisposeAsync()
    {
        await Reader.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task Added_entries_keep_their_fields_and_order()
    {
        var first = await redis.StreamAddAsync(stream, Fields(("type", "a"), ("data", "\u0001\u0002")));
        var second = await redis.StreamAddAsync(stream, [KeyValuePair.Create("type", (ReadOnlyMemory<byte>)new byte[] { 0, 255 })]);

        var entries = await redis.StreamRangeAsync(stream);

        Assert.Equal(2, await redis.StreamLengthAsync(stream));
        Assert.Equal([first, second], entries.Select(e => e.Id));
        Assert.Equal("a", entries[0].GetString("type"));
        Assert.Equal(new byte[] { 1, 2 }, entries[0].Fields["data"]);
        Assert.Equal(new byte[] { 0, 255 }, entries[1].Fields["type"]);
        Assert.False(entries[0].IsDeleted);
    }

    [Fact]
    public async Task Range_honours_bounds_and_count()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await redis.StreamAddAsync(stream, Fields(("n", i.ToString()))));
        }

        Assert.Equal(ids[..2], (await redis.StreamRangeAsync(stream, count: 2)).Select(e => e.Id));
        Assert.Equal(ids[1..4], (await redis.StreamRangeAsync(stream, ids[1], ids[3])).Select(e => e.Id));
        Assert.Empty(await redis.StreamRangeAsync(UniqueKey("no-stream")));
        Assert.Equal(0, await redis.StreamLengthAsync(UniqueKey("no-stream")));
    }

    [Fact]
    public async Task Approximate_max_length_trims_the_stream()
    {
        for (var i = 0; i < 1000; i++)
        {
            await redis.StreamAddAsync(stream, Fields(("n", "x")), approximateMaxLength: 100);
        }

        // "~" trims whole internal nodes only, so the length lands near, never below, the limit.
        Assert.InRange(await redis.StreamLengthAsync(stream), 100, 300);
    }

    [Fact]
    public async Task Creating_a_group_makes_the_stream_and_a_second_create_reports_it_exists()
    {
        Assert.True(await redis.StreamCreateGroupAsync(stream, "g1"));
        Assert.False(await redis.StreamCreateGroupAsync(stream, "g1"));
        Assert.True(await redis.StreamCreateGroupAsync(stream, "g2", "0"));

        Assert.Equal(0, await redis.StreamLengthAsync(stream));
        Assert.Equal(["g1", "g2"], (await redis.StreamGroupsAsync(stream)).Select(g => g.Name).Order());
    }

    [Fact]
    public async Task Read_group_delivers_new_entries_once_and_pending_ones_again_from_zero()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var a = await redis.StreamAddAsync(stream, Fields(("n", "1")));
        var b = await redis.StreamAddAsync(stream, Fields(("n", "2")));

        var fresh = await Reader.ReadGroupAsync(stream, "g", "c1", ">", 10, ShortBlock);
        var none = await Reader.ReadGroupAsync(stream, "g", "c1", ">", 10, ShortBlock);
        var pending = await Reader.ReadGroupAsync(stream, "g", "c1", "0", 10, block: null);

        Assert.Equal([a, b], fresh.Select(e => e.Id));
        Assert.Equal("2", fresh[1].GetString("n"));
        Assert.Empty(none);
        Assert.Equal([a, b], pending.Select(e => e.Id));
    }

    [Fact]
    public async Task A_pending_entry_whose_data_was_deleted_is_reported_as_deleted()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var gone = await redis.StreamAddAsync(stream, Fields(("n", "1")));
        var kept = await redis.StreamAddAsync(stream, Fields(("n", "2")));
        await Reader.ReadGroupAsync(stream, "g", "c1", ">", 10, ShortBlock);
        await redis.ExecuteAsync("XDEL", CancellationToken.None, stream, gone);

        var pending = await Reader.ReadGroupAsync(stream, "g", "c1", "0", 10, block: null);

        Assert.Equal([gone, kept], pending.Select(e => e.Id));
        Assert.True(pending[0].IsDeleted);
        Assert.False(pending[1].IsDeleted);
    }

    [Fact]
    public async Task Acknowledge_removes_entries_from_the_pending_list()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await redis.StreamAddAsync(stream, Fields(("n", i.ToString()))));
        }

        await Reader.ReadGroupAsync(stream, "g", "c1", ">", 10, ShortBlock);

        Assert.True(await redis.StreamAcknowledgeAsync(stream, "g", ids[0]));
        Assert.False(await redis.StreamAcknowledgeAsync(stream, "g", ids[0]));
        Assert.Equal(2, await redis.StreamAcknowledgeAsync(stream, "g", [ids[1], ids[2], ids[0]]));
        Assert.Equal(0, await redis.StreamAcknowledgeAsync(stream, "g", Array.Empty<string>()));
        Assert.Equal([ids[3]], (await redis.StreamPendingEntriesAsync(stream, "g", 10)).Select(p => p.Id));
    }

    [Fact]
    public async Task Pending_summary_and_entries_show_consumers_idle_time_and_deliveries()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var a = await redis.StreamAddAsync(stream, Fields(("n", "1")));
        await Reader.ReadGroupAsync(stream, "g", "alice", ">", 1, ShortBlock);
        var b = await redis.StreamAddAsync(stream, Fields(("n", "2")));
        var c = await redis.StreamAddAsync(stream, Fields(("n", "3")));
        await Reader.ReadGroupAsync(stream, "g", "bob", ">", 10, ShortBlock);
        await Reader.ReadGroupAsync(stream, "g", "bob", "0", 10, block: null);
        await Task.Delay(150);

        var summary = await redis.StreamPendingSummaryAsync(stream, "g");
        var all = await redis.StreamPendingEntriesAsync(stream, "g", 10);
        var bobs = await redis.StreamPendingEntriesAsync(stream, "g", 10, consumer: "bob");
        var idle = await redis.StreamPendingEntriesAsync(stream, "g", 10, minIdle: TimeSpan.FromMinutes(5));
        var window = await redis.StreamPendingEntriesAsync(stream, "g", 1, start: b);

        Assert.Equal(3, summary.Count);
        Assert.Equal(a, summary.LowestId);
        Assert.Equal(c, summary.HighestId);
        Assert.Equal([new StreamConsumerPending("alice", 1), new StreamConsumerPending("bob", 2)], summary.Consumers.OrderBy(x => x.Consumer));
        Assert.Equal([a, b, c], all.Select(p => p.Id));
        Assert.Equal(["alice", "bob", "bob"], all.Select(p => p.Consumer));
        Assert.Equal([1L, 2L, 2L], all.Select(p => p.DeliveryCount));
        Assert.All(all, p => Assert.True(p.Idle >= TimeSpan.FromMilliseconds(100), $"idle {p.Idle}"));
        Assert.Equal([b, c], bobs.Select(p => p.Id));
        Assert.Empty(idle);
        Assert.Equal([b], window.Select(p => p.Id));
    }

    [Fact]
    public async Task Pending_summary_of_an_idle_group_has_no_ids()
    {
        await redis.StreamCreateGroupAsync(stream, "g");

        var summary = await redis.StreamPendingSummaryAsync(stream, "g");

        Assert.Equal(0, summary.Count);
        Assert.Null(summary.LowestId);
        Assert.Null(summary.HighestId);
        Assert.Empty(summary.Consumers);
    }

    [Fact]
    public async Task Autoclaim_moves_idle_entries_and_reports_deleted_ones()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var a = await redis.StreamAddAsync(stream, Fields(("n", "1")));
        var b = await redis.StreamAddAsync(stream, Fields(("n", "2")));
        var c = await redis.StreamAddAsync(stream, Fields(("n", "3")));
        await Reader.ReadGroupAsync(stream, "g", "dead", ">", 10, ShortBlock);
        await redis.ExecuteAsync("XDEL", CancellationToken.None, stream, b);

        var tooSoon = await redis.StreamAutoClaimAsync(stream, "g", "alive", TimeSpan.FromMinutes(1));
        await Task.Delay(100);
        var firstPage = await redis.StreamAutoClaimAsync(stream, "g", "alive", TimeSpan.FromMilliseconds(50), count: 1);
        var rest = await redis.StreamAutoClaimAsync(stream, "g", "alive", TimeSpan.FromMilliseconds(50), firstPage.NextStartId);

        Assert.Empty(tooSoon.Claimed);
        Assert.Equal([a], firstPage.Claimed.Select(e => e.Id));
        Assert.Equal("1", firstPage.Claimed[0].GetString("n"));
        Assert.NotEqual("0-0", firstPage.NextStartId);
        Assert.Equal([c], rest.Claimed.Select(e => e.Id));
        // Redis reports a deleted entry on the first scan that meets it, whether or not it was idle enough.
        Assert.Equal([b], tooSoon.DeletedIds.Concat(firstPage.DeletedIds).Concat(rest.DeletedIds));
        Assert.Equal("0-0", rest.NextStartId);
        Assert.All(await redis.StreamPendingEntriesAsync(stream, "g", 10), p => Assert.Equal("alive", p.Consumer));
    }

    [Fact]
    public async Task Group_info_reports_consumers_pending_last_delivered_entries_read_and_lag()
    {
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        await redis.StreamAddAsync(stream, Fields(("n", "1")));
        var second = await redis.StreamAddAsync(stream, Fields(("n", "2")));
        await redis.StreamAddAsync(stream, Fields(("n", "3")));
        await Reader.ReadGroupAsync(stream, "g", "c1", ">", 2, ShortBlock);

        var info = Assert.Single(await redis.StreamGroupsAsync(stream));

        Assert.Equal(new StreamGroupInfo("g", 1, 2, second, 2, 1), info);
        await Assert.ThrowsAsync<RedisServerException>(() => redis.StreamGroupsAsync(UniqueKey("no-stream")));
    }

    [Fact]
    public async Task Reading_a_missing_group_is_a_server_error_and_the_reader_keeps_working()
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() => Reader.ReadGroupAsync(stream, "nogroup", "c", ">", 1, ShortBlock));
        await redis.StreamCreateGroupAsync(stream, "g", "0");
        var id = await redis.StreamAddAsync(stream, Fields(("n", "1")));

        Assert.Equal("NOGROUP", error.ErrorCode);
        Assert.Equal([id], (await Reader.ReadGroupAsync(stream, "g", "c", ">", 1, ShortBlock)).Select(e => e.Id));
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}
