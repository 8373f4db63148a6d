using Mart.ServiceDefaults.Redis;
using static Mart.Tests.Unit.Redis.RespFeed;

namespace Mart.Tests.Unit.Redis;

public sealed class RespParserTests
{
    // Each reply paired with its canonical description.
    public static readonly TheoryData<string, string> Replies = new()
    {
        { "+OK\r\n", "+OK" },
        { "+PONG\r\n", "+PONG" },
        { "+a status with spaces\r\n", "+a status with spaces" },
        { "+\r\n", "+" },
        { "-ERR unknown command 'FOO'\r\n", "-ERR unknown command 'FOO'" },
        { "-BUSYGROUP Consumer Group name already exists\r\n", "-BUSYGROUP Consumer Group name already exists" },
        { ":0\r\n", ":0" },
        { ":1\r\n", ":1" },
        { ":-1\r\n", ":-1" },
        { ":1234567\r\n", ":1234567" },
        { ":9223372036854775807\r\n", ":9223372036854775807" },
        { ":-9223372036854775808\r\n", ":-9223372036854775808" },
        { "$5\r\nhello\r\n", "$68656C6C6F" },
        { "$0\r\n\r\n", "$" },
        { "$-1\r\n", "$nil" },
        { "$4\r\na\r\nb\r\n", "$610D0A62" },
        { "$2\r\n\xC3\xA9\r\n", "$C3A9" },
        { "*0\r\n", "*[]" },
        { "*-1\r\n", "*nil" },
        { "*3\r\n$1\r\na\r\n:2\r\n+three\r\n", "*[$61,:2,+three]" },
        { "*2\r\n$-1\r\n*-1\r\n", "*[$nil,*nil]" },
        { "*3\r\n*2\r\n:1\r\n*0\r\n*1\r\n-ERR inner\r\n$1\r\nz\r\n", "*[*[:1,*[]],*[-ERR inner],$7A]" },
        { "*1\r\n*1\r\n*1\r\n*1\r\n:7\r\n", "*[*[*[*[:7]]]]" },
        {
            // An XREADGROUP reply: [[stream, [[id, [field, value]], [id, nil]]]].
            "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*-1\r\n",
            "*[*[$73,*[*[$312D30,*[$66,$76]],*[$322D30,*nil]]]]"
        },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Parses_every_reply_type(string wire, string expected)
    {
        var replies = ParseWhole(Latin1(wire));

        Assert.Equal(expected, Describe(Assert.Single(replies)));
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_split_at_any_byte_boundary_parses_the_same(string wire, string expected)
    {
        var bytes = Latin1(wire);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var replies = Parse(bytes, [cut]);
            Assert.Equal(expected, Describe(Assert.Single(replies)));
        }
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_fed_byte_by_byte_parses_the_same(string wire, string expected)
    {
        var bytes = Latin1(wire);

        var replies = Parse(bytes, Enumerable.Range(1, bytes.Length - 1));

        Assert.Equal(expected, Describe(Assert.Single(replies)));
    }

    [Fact]
    public void Many_replies_in_one_buffer_come_out_in_order_however_they_are_split()
    {
        var wire = Latin1(string.Concat(Replies.Select(row => (string)row[0])));
        var expected = Replies.Select(row => (string)row[1]).ToArray();

        Assert.Equal(expected, ParseWhole(wire).Select(Describe));
        Assert.Equal(expected, Parse(wire, Enumerable.Range(1, wire.Length - 1)).Select(Describe));
        for (var cut = 1; cut < wire.Length; cut++)
        {
            Assert.Equal(expected, Parse(wire, [cut]).Select(Describe));
        }

        // Two cuts: every pair would be quadratic in length, a stride keeps it fast while mixing boundaries.
        for (var first = 1; first < wire.Length; first += 7)
        {
            for (var second = first + 1; second < wire.Length; second += 5)
            {
                Assert.Equal(expected, Parse(wire, [first, second]).Select(Describe));
            }
        }
    }

    [Fact]
    public void Incomplete_input_waits_for_more_instead_of_failing()
    {
        foreach (var partial in new[] { "+OK", "+OK\r", ":12", "$5\r\nhel", "$5\r\nhello\r", "*2\r\n:1\r\n", "*2\r\n*1\r\n", "$", "*" })
        {
            var feed = new RespFeed();
            feed.Feed(Latin1(partial));
            Assert.Empty(feed.Replies);
            Assert.False(feed.IsIdle);
        }
    }

    [Fact]
    public void A_large_bulk_string_parses_whole_and_in_chunks()
    {
        var payload = new byte[5 * 1024 * 1024];
        new Random(42).NextBytes(payload);
        var wire = Latin1($"${payload.Length}\r\n").Concat(payload).Concat(Latin1("\r\n:5\r\n")).ToArray();

        var whole = ParseWhole(wire);
        var chunked = Parse(wire, Enumerable.Range(1, wire.Length / 65536).Select(i => i * 65536));
        var awkward = Parse(wire, [1, 3, 9, wire.Length - 7, wire.Length - 6, wire.Length - 5, wire.Length - 4]);

        foreach (var replies in new[] { whole, chunked, awkward })
        {
            Assert.Equal(2, replies.Count);
            Assert.Equal(payload, replies[0].AsBytes());
            Assert.Equal(5, replies[1].AsInt64());
        }
    }

    [Fact]
    public void A_large_array_parses_in_chunks()
    {
        const int count = 50_000;
        var wire = Latin1($"*{count}\r\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"${i.ToString().Length}\r\n{i}\r\n")));

        var reply = Assert.Single(Parse(wire, Enumerable.Range(1, wire.Length / 1000).Select(i => i * 1000)));

        Assert.Equal(count, reply.Elements.Count);
        Assert.Equal("49999", reply.Elements[^1].AsString());
    }

    [Theory]
    [InlineData("?foo\r\n")]
    [InlineData("%2\r\n")]
    [InlineData("hello\r\n")]
    [InlineData("$abc\r\n")]
    [InlineData("$\r\n")]
    [InlineData("$-2\r\n")]
    [InlineData("$-\r\n")]
    [InlineData("$+5\r\nhello\r\n")]
    [InlineData("$ 5\r\nhello\r\n")]
    [InlineData("$600000000\r\n")]
    [InlineData("*-2\r\n")]
    [InlineData("*x\r\n")]
    [InlineData("*3000000000\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData(":\r\n")]
    [InlineData(":-\r\n")]
    [InlineData(":99999999999999999999\r\n")]
    [InlineData(":9223372036854775808\r\n")]
    [InlineData("$3\r\nabcXY")]
    [InlineData("$3\r\nabc\n\r")]
    [InlineData("$1\r\nab\r\n")]
    [InlineData("+OK\n")]
    [InlineData("+O\rK\r\n")]
    [InlineData(":1\n")]
    [InlineData("*1\r\n!\r\n")]
    [InlineData(":1111111111111111111111111111111111")]
    [InlineData("$1111111111111111111111111111111111")]
    public void Malformed_input_is_a_protocol_error(string wire)
    {
        var bytes = Latin1(wire);

        Assert.Throws<RedisProtocolException>(() => ParseWhole(bytes));

        // However it arrives: a split never turns an error into a hang or a different outcome.
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Throws<RedisProtocolException>(() => Parse(bytes, [cut]));
        }
    }

    [Fact]
    public void A_status_line_that_never_ends_is_a_protocol_error_not_unbounded_buffering()
    {
        var feed = new RespFeed();
        var chunk = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
        feed.Feed([(byte)'+']);

        Assert.Throws<RedisProtocolException>(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                feed.Feed(chunk);
            }
        });
    }

    [Fact]
    public void Absurdly_deep_nesting_is_a_protocol_error()
    {
        var wire = Latin1(string.Concat(Enumerable.Repeat("*1\r\n", 1000)) + ":1\r\n");

        Assert.Throws<RedisProtocolException>(() => ParseWhole(wire));
    }

    [Fact]
    public void A_huge_announced_array_does_not_allocate_up_front()
    {
        var feed = new RespFeed();
        var before = GC.GetAllocatedBytesForCurrentThread();

        feed.Feed(Latin1("*2000000000\r\n:1\r\n"));

        Assert.Empty(feed.Replies);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "a claimed length must not be trusted for allocation");
    }

    // Test strings use \xNN escapes for raw bytes; Latin-1 maps each char to exactly that byte.
    private static byte[] Latin1(string text) => System.Text.Encoding.Latin1.GetBytes(text);
}
