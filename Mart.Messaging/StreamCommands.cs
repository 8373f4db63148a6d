using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>The stream commands messaging needs beyond what StackExchange.Redis types for it.</summary>
public static class StreamCommands
{
    /// <summary>XGROUP CREATE ... MKSTREAM; false when the group exists already (BUSYGROUP).</summary>
    public static async Task<bool> TryCreateGroupAsync(this IDatabaseAsync redis, string stream, string group, string startId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        try
        {
            return await redis.StreamCreateConsumerGroupAsync(stream, group, startId, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>XREADGROUP for one stream. StackExchange.Redis has no blocking read: call it with a
    /// <paramref name="block"/> only on a connection nothing else waits on.</summary>
    /// <remarks>Entries whose data was deleted come back with no fields (<see cref="EventStreamEntry.IsDeleted"/>).</remarks>
    public static async Task<IReadOnlyList<EventStreamEntry>> ReadGroupAsync(
        this IDatabaseAsync redis, string stream, string group, string consumer, string after, int count, TimeSpan? block)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var arguments = new List<object>(9) { "GROUP", group, consumer, "COUNT", count };
        if (block is { } wait)
        {
            arguments.Add("BLOCK");
            arguments.Add((long)Math.Max(1, wait.TotalMilliseconds));
        }

        arguments.Add("STREAMS");
        arguments.Add(stream);
        arguments.Add(after);

        // Nil when the block ran out; else [[stream, [[id, [field, value, ...] or nil], ...]]].
        var reply = await redis.ExecuteAsync("XREADGROUP", arguments);
        if (reply.IsNull || (RedisResult[]?)reply is not [var streamReply, ..] || (RedisResult[]?)streamReply is not [_, var entriesReply])
        {
            return [];
        }

        var entries = (RedisResult[]?)entriesReply ?? [];
        var read = new List<EventStreamEntry>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[]?)entry ?? [];
            var fieldsReply = parts.Length > 1 && !parts[1].IsNull ? (RedisResult[]?)parts[1] ?? [] : [];
            var fields = new Dictionary<string, byte[]>(fieldsReply.Length / 2, StringComparer.Ordinal);
            for (var i = 0; i + 1 < fieldsReply.Length; i += 2)
            {
                fields[(string)fieldsReply[i]!] = (byte[])fieldsReply[i + 1]!;
            }

            read.Add(new EventStreamEntry((string)parts[0]!, fields));
        }

        return read;
    }
}
