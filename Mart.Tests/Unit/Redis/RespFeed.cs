using System.Buffers;
using System.Globalization;
using System.Text;
using Mart.ServiceDefaults.Redis;
using Mart.ServiceDefaults.Redis.Protocol;

namespace Mart.Tests.Unit.Redis;

/// <summary>
/// Feeds a <see cref="RespParser"/> the way a connection does: bytes arrive in chunks, unconsumed bytes are kept
/// and presented again in front of the next chunk as a separate buffer segment.
/// </summary>
internal sealed class RespFeed
{
    private readonly RespParser parser = new();
    private byte[] leftover = [];

    public List<RedisReply> Replies { get; } = [];

    public bool IsIdle => leftover.Length == 0 && !parser.HasPartialReply;

    public static List<RedisReply> ParseWhole(byte[] input) => Parse(input, [input.Length]);

    /// <summary>Parses <paramref name="input"/> delivered in pieces that end at <paramref name="cuts"/>.</summary>
    public static List<RedisReply> Parse(byte[] input, IEnumerable<int> cuts)
    {
        var feed = new RespFeed();
        var start = 0;
        foreach (var cut in cuts.Append(input.Length))
        {
            if (cut > start)
            {
                feed.Feed(input[start..cut]);
                start = cut;
            }
        }

        Assert.True(feed.IsIdle, "the input should parse completely");
        return feed.Replies;
    }

    public void Feed(byte[] chunk)
    {
        var buffer = Segments(leftover, chunk);
        while (parser.TryRead(ref buffer, out var reply))
        {
            Replies.Add(reply!);
        }

        leftover = buffer.ToArray();
    }

    /// <summary>Canonical text of a reply, to compare replies structurally.</summary>
    public static string Describe(RedisReply reply) => reply.Kind switch
    {
        RedisReplyKind.SimpleString => "+" + reply.AsString(),
        RedisReplyKind.Error => "-" + reply.AsString(),
        RedisReplyKind.Integer => ":" + reply.AsInt64().ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.BulkString => reply.IsNull ? "$nil" : "$" + Convert.ToHexString(reply.AsBytes()!),
        _ => reply.IsNull ? "*nil" : "*[" + string.Join(",", reply.Elements.Select(Describe)) + "]",
    };

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        if (first.Length == 0)
        {
            return new ReadOnlySequence<byte>(second);
        }

        var head = new Segment(first, 0);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
