using Mart.ServiceDefaults.Redis;

namespace Mart.Hosting.Dashboard.Events;

/// <summary>Reads the replies of the stream commands the Redis client has no typed method for (XREVRANGE, XINFO CONSUMERS).</summary>
internal static class StreamReplyReader
{
    /// <summary>[[id, [field, value, ...]], ...].</summary>
    public static List<StreamEntry> ReadEntries(RedisReply reply)
    {
        var entries = new List<StreamEntry>(reply.Elements.Count);
        foreach (var item in reply.Elements)
        {
            var pair = item.Elements;
            var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (pair.Count == 2 && !pair[1].IsNull)
            {
                var raw = pair[1].Elements;
                for (var i = 0; i + 1 < raw.Count; i += 2)
                {
                    fields[raw[i].AsString() ?? ""] = raw[i + 1].AsBytes() ?? [];
                }
            }

            entries.Add(new StreamEntry(pair[0].AsString() ?? "", fields));
        }

        return entries;
    }

    /// <summary>[[name, n, pending, p, idle, ms, ...], ...]: each consumer is a flat list of names and values.</summary>
    public static List<ConsumerView> ReadConsumers(RedisReply reply)
    {
        var consumers = new List<ConsumerView>(reply.Elements.Count);
        foreach (var item in reply.Elements)
        {
            var pairs = item.Elements;
            string name = "";
            long pending = 0, idle = 0;
            for (var i = 0; i + 1 < pairs.Count; i += 2)
            {
                switch (pairs[i].AsString())
                {
                    case "name":
                        name = pairs[i + 1].AsString() ?? "";
                        break;
                    case "pending":
                        pending = pairs[i + 1].AsInt64();
                        break;
                    case "idle":
                        idle = pairs[i + 1].AsInt64();
                        break;
                }
            }

            consumers.Add(new ConsumerView(name, pending, idle));
        }

        return consumers;
    }

    /// <summary>Stream ids start with the unix milliseconds at which Redis added the entry.</summary>
    public static DateTimeOffset? TimeOf(string entryId) =>
        long.TryParse(entryId.Split('-')[0], out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
