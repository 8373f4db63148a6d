namespace Mart.ServiceDefaults.Redis;

/// <summary>Turns the raw replies of stream commands into Mart's stream records.</summary>
internal static class StreamReplies
{
    /// <summary>[[id, [field, value, ...]], ...] as returned by XRANGE and XAUTOCLAIM.</summary>
    public static IReadOnlyList<StreamEntry> ToEntries(RedisReply reply)
    {
        var items = reply.Elements;
        var entries = new StreamEntry[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            entries[i] = ToEntry(items[i]);
        }

        return entries;
    }

    /// <summary>[id, [field, value, ...] | nil]; nil fields mean the entry was deleted.</summary>
    public static StreamEntry ToEntry(RedisReply reply)
    {
        var pair = reply.Elements;
        if (pair.Count != 2)
        {
            throw new RedisProtocolException($"A stream entry must be [id, fields], got {reply}.");
        }

        var id = RequireString(pair[0], "stream entry id");
        var rawFields = pair[1].Elements;
        if (rawFields.Count % 2 != 0)
        {
            throw new RedisProtocolException($"Stream entry {id} has an odd number of field items.");
        }

        var fields = new Dictionary<string, byte[]>(rawFields.Count / 2, StringComparer.Ordinal);
        for (var i = 0; i < rawFields.Count; i += 2)
        {
            fields[RequireString(rawFields[i], "field name")] = rawFields[i + 1].AsBytes() ?? [];
        }

        return new StreamEntry(id, fields);
    }

    /// <summary>
    /// XAUTOCLAIM: [next-id, entries, deleted-ids] (Redis 7); Redis 6.2 omits deleted-ids and reports deleted
    /// entries as nil elements among the claimed ones.
    /// </summary>
    public static StreamAutoClaimResult ToAutoClaimResult(RedisReply reply)
    {
        var parts = reply.Elements;
        if (parts.Count is < 2 or > 3)
        {
            throw new RedisProtocolException($"XAUTOCLAIM reply has {parts.Count} parts instead of 2 or 3.");
        }

        var next = RequireString(parts[0], "XAUTOCLAIM next id");
        var claimed = new List<StreamEntry>(parts[1].Elements.Count);
        foreach (var item in parts[1].Elements)
        {
            if (!item.IsNull)
            {
                claimed.Add(ToEntry(item));
            }
        }

        var deleted = parts.Count == 3
            ? parts[2].Elements.Select(static e => RequireString(e, "deleted id")).ToArray()
            : [];
        return new StreamAutoClaimResult(next, claimed, deleted);
    }

    /// <summary>XPENDING summary: [count, lowest|nil, highest|nil, [[consumer, count], ...]|nil].</summary>
    public static StreamPendingSummary ToPendingSummary(RedisReply reply)
    {
        var parts = reply.Elements;
        if (parts.Count != 4)
        {
            throw new RedisProtocolException($"XPENDING summary has {parts.Count} parts instead of 4.");
        }

        var consumers = parts[3].Elements
            .Select(static c => c.Elements is [var name, var count]
                ? new StreamConsumerPending(RequireString(name, "consumer name"), count.AsInt64())
                : throw new RedisProtocolException($"XPENDING consumer item must be [name, count], got {c}."))
            .ToArray();
        return new StreamPendingSummary(parts[0].AsInt64(), parts[1].AsString(), parts[2].AsString(), consumers);
    }

    /// <summary>XPENDING extended: [[id, consumer, idle-ms, deliveries], ...].</summary>
    public static IReadOnlyList<StreamPendingEntry> ToPendingEntries(RedisReply reply) =>
        reply.Elements
            .Select(static row => row.Elements is [var id, var consumer, var idle, var deliveries]
                ? new StreamPendingEntry(
                    RequireString(id, "pending id"),
                    RequireString(consumer, "pending consumer"),
                    TimeSpan.FromMilliseconds(idle.AsInt64()),
                    deliveries.AsInt64())
                : throw new RedisProtocolException($"XPENDING row must have 4 items, got {row}."))
            .ToArray();

    /// <summary>XINFO GROUPS: one flat [key, value, ...] map per group.</summary>
    public static IReadOnlyList<StreamGroupInfo> ToGroups(RedisReply reply) =>
        reply.Elements.Select(ToGroup).ToArray();

    private static StreamGroupInfo ToGroup(RedisReply map)
    {
        var items = map.Elements;
        string? name = null;
        string? lastDelivered = null;
        long consumers = 0, pending = 0;
        long? entriesRead = null, lag = null;
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            var value = items[i + 1];
            switch (items[i].AsString())
            {
                case "name":
                    name = value.AsString();
                    break;
                case "consumers":
                    consumers = value.AsInt64();
                    break;
                case "pending":
                    pending = value.AsInt64();
                    break;
                case "last-delivered-id":
                    lastDelivered = value.AsString();
                    break;
                case "entries-read":
                    entriesRead = value.IsNull ? null : value.AsInt64();
                    break;
                case "lag":
                    lag = value.IsNull ? null : value.AsInt64();
                    break;
            }
        }

        return new StreamGroupInfo(
            name ?? throw new RedisProtocolException("XINFO GROUPS item has no name."),
            consumers,
            pending,
            lastDelivered ?? "0-0",
            entriesRead,
            lag);
    }

    private static string RequireString(RedisReply reply, string what) =>
        reply.Kind is RedisReplyKind.BulkString or RedisReplyKind.SimpleString && !reply.IsNull
            ? reply.AsString()!
            : throw new RedisProtocolException($"Expected a {what} string, got {reply}.");
}
