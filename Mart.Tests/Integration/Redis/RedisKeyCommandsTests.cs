using System.Text;
using Mart.ServiceDefaults.Redis;
using Mart.Tests.Infrastructure;
using static Mart.Tests.Integration.Redis.RedisTestClient;

namespace Mart.Tests.Integration.Redis;

[Collection("servers")]
public sealed class RedisKeyCommandsTests(ServersFixture servers) : IAsyncLifetime
{
    private readonly RedisClient redis = Create(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DisposeAsync().AsTask();

    [Fact]
    public async Task Ping_answers_with_a_round_trip_time()
    {
        var roundTrip = await redis.PingAsync();

        Assert.True(roundTrip > TimeSpan.Zero && roundTrip < TimeSpan.FromSeconds(5));
        Assert.True(redis.IsConnected);
    }

    [Fact]
    public async Task Set_then_get_returns_the_bytes_and_a_missing_key_is_null()
    {
        var key = UniqueKey("get");
        byte[] value = [0, 1, 2, 13, 10, 255];

        Assert.True(await redis.SetAsync(key, value));

        Assert.Equal(value, await redis.GetAsync(key));
        Assert.Null(await redis.GetAsync(key + ":missing"));
        Assert.Null(await redis.GetStringAsync(key + ":missing"));
    }

    [Fact]
    public async Task Strings_round_trip_as_utf8()
    {
        var key = UniqueKey("text");

        await redis.SetAsync(key, "héllo wörld €");

        Assert.Equal("héllo wörld €", await redis.GetStringAsync(key));
        Assert.Equal(Encoding.UTF8.GetBytes("héllo wörld €"), await redis.GetAsync(key));
    }

    [Fact]
    public async Task Set_with_expiry_uses_seconds_or_milliseconds()
    {
        var seconds = UniqueKey("ex");
        var millis = UniqueKey("px");

        await redis.SetAsync(seconds, "v", new RedisSetOptions(TimeSpan.FromSeconds(100)));
        await redis.SetAsync(millis, "v", new RedisSetOptions(TimeSpan.FromMilliseconds(1500)));

        var secondsTtl = (await redis.ExecuteAsync("PTTL", CancellationToken.None, seconds)).AsInt64();
        var millisTtl = (await redis.ExecuteAsync("PTTL", CancellationToken.None, millis)).AsInt64();
        Assert.InRange(secondsTtl, 90_000, 100_000);
        Assert.InRange(millisTtl, 1, 1500);
    }

    [Fact]
    public async Task An_expired_key_is_gone()
    {
        var key = UniqueKey("expiring");
        await redis.SetAsync(key, "v", new RedisSetOptions(TimeSpan.FromMilliseconds(50)));

        await Task.Delay(200);

        Assert.Null(await redis.GetAsync(key));
    }

    [Fact]
    public async Task Set_if_not_exists_and_if_exists_report_whether_they_stored()
    {
        var key = UniqueKey("nx");
        var onlyNew = new RedisSetOptions(Condition: SetCondition.IfNotExists);
        var onlyExisting = new RedisSetOptions(TimeSpan.FromSeconds(30), SetCondition.IfExists);

        Assert.False(await redis.SetAsync(key, "x", onlyExisting));
        Assert.True(await redis.SetAsync(key, "first", onlyNew));
        Assert.False(await redis.SetAsync(key, "second", onlyNew));
        Assert.True(await redis.SetAsync(key, "third", onlyExisting));

        Assert.Equal("third", await redis.GetStringAsync(key));
    }

    [Fact]
    public async Task Delete_reports_what_existed()
    {
        var a = UniqueKey("del");
        var b = UniqueKey("del");
        await redis.SetAsync(a, "1");
        await redis.SetAsync(b, "2");

        Assert.True(await redis.DeleteAsync(a));
        Assert.False(await redis.DeleteAsync(a));
        Assert.Equal(1, await redis.DeleteAsync([a, b, UniqueKey("never")]));
        Assert.Equal(0, await redis.DeleteAsync(Array.Empty<string>()));
        Assert.Null(await redis.GetAsync(b));
    }

    [Fact]
    public async Task Expire_sets_a_time_to_live_on_existing_keys_only()
    {
        var key = UniqueKey("expire");
        await redis.SetAsync(key, "v");

        Assert.True(await redis.ExpireAsync(key, TimeSpan.FromSeconds(60)));
        Assert.InRange((await redis.ExecuteAsync("TTL", CancellationToken.None, key)).AsInt64(), 50, 60);
        Assert.True(await redis.ExpireAsync(key, TimeSpan.FromMilliseconds(2500)));
        Assert.InRange((await redis.ExecuteAsync("PTTL", CancellationToken.None, key)).AsInt64(), 1, 2500);
        Assert.False(await redis.ExpireAsync(UniqueKey("missing"), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Get_many_returns_values_in_key_order_with_nulls_for_missing()
    {
        var a = UniqueKey("mget");
        var b = UniqueKey("mget");
        await redis.SetAsync(a, "A");
        await redis.SetAsync(b, "B");

        var values = await redis.GetManyAsync([b, UniqueKey("missing"), a]);

        Assert.Equal(["B", null, "A"], values.Select(v => v is null ? null : Encoding.UTF8.GetString(v)));
        Assert.Empty(await redis.GetManyAsync([]));
    }

    [Fact]
    public async Task Increment_counts_from_zero_and_by_any_step()
    {
        var key = UniqueKey("incr");

        Assert.Equal(1, await redis.IncrementAsync(key));
        Assert.Equal(2, await redis.IncrementAsync(key));
        Assert.Equal(12, await redis.IncrementAsync(key, 10));
        Assert.Equal(-3, await redis.IncrementAsync(key, -15));
    }

    [Fact]
    public async Task Server_errors_surface_with_their_code()
    {
        var text = UniqueKey("not-a-number");
        await redis.SetAsync(text, "abc");
        var stream = UniqueKey("a-stream");
        await redis.StreamAddAsync(stream, new Dictionary<string, string> { ["f"] = "v" });

        var notInteger = await Assert.ThrowsAsync<RedisServerException>(() => redis.IncrementAsync(text));
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetAsync(stream));
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => redis.ExecuteAsync("NOSUCHCOMMAND", []));

        Assert.Equal("ERR", notInteger.ErrorCode);
        Assert.Equal("WRONGTYPE", wrongType.ErrorCode);
        Assert.Contains("unknown command", unknown.Message, StringComparison.OrdinalIgnoreCase);

        // The connection is still in step after errors.
        Assert.Equal("abc", await redis.GetStringAsync(text));
    }

    [Fact]
    public async Task Eval_returns_nested_replies_and_script_errors_throw()
    {
        var key = UniqueKey("eval");

        var reply = await redis.EvaluateAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); return {ARGV[1], 7, {ARGV[2]}, redis.call('GET', KEYS[1])}",
            [key],
            ["one", Encoding.UTF8.GetBytes("two")]);

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal("one", reply.Elements[0].AsString());
        Assert.Equal(7, reply.Elements[1].AsInt64());
        Assert.Equal("two", reply.Elements[2].Elements[0].AsString());
        Assert.Equal("one", reply.Elements[3].AsString());
        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.EvaluateAsync("return redis.error_reply('BOOM failed')", [], []));
        Assert.Equal("BOOM", error.ErrorCode);
        Assert.True((await redis.EvaluateAsync("return nil", [], [])).IsNull);
    }

    [Fact]
    public async Task Execute_sends_any_command_and_returns_the_raw_reply()
    {
        var key = UniqueKey("hash");

        var added = await redis.ExecuteAsync("HSET", CancellationToken.None, key, "a", "1", "b", 2L);
        var all = await redis.ExecuteAsync("HGETALL", [key]);

        Assert.Equal(2, added.AsInt64());
        var pairs = all.Elements.Select(e => e.AsString()).Chunk(2).ToDictionary(p => p[0]!, p => p[1]);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, pairs);
    }

    [Fact]
    public async Task Multi_megabyte_values_round_trip()
    {
        var key = UniqueKey("large");
        var value = new byte[5 * 1024 * 1024];
        new Random(5).NextBytes(value);

        await redis.SetAsync(key, value);
        var read = await redis.GetAsync(key);
        await redis.DeleteAsync(key);

        Assert.Equal(value, read);
    }
}
