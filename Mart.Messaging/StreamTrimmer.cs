using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>Trims a stream to its newest <c>keep</c> entries, sparing any that a consumer group still needs.</summary>
/// <remarks>
/// A cap on XADD (<c>MAXLEN ~</c>) cannot tell acknowledged entries from waiting ones: a lagging group would lose
/// entries whose outbox rows were marked sent. Entries delivered after the groups are read have higher ids, so the trim
/// spares them.
/// </remarks>
internal static class StreamTrimmer
{
    /// <summary>At most this many entries are looked at (and so trimmed) in one pass; the next pass goes on.</summary>
    private const int MaxTrimmedPerPass = 10_000;

    /// <summary>Returns the id below which entries were trimmed, or null when none were.</summary>
    public static async Task<string?> TrimAsync(IDatabaseAsync redis, string stream, long keep)
    {
        var length = await redis.StreamLengthAsync(stream);
        if (length <= keep)
        {
            return null;
        }

        // The first entry to keep by length: the newest `keep` entries stay whatever the groups say.
        var beyond = (int)Math.Min(length - keep, MaxTrimmedPerPass);
        var oldest = await redis.StreamRangeAsync(stream, "-", "+", beyond + 1);
        if (oldest.Length <= beyond)
        {
            return null;
        }

        var below = (string)oldest[beyond].Id!;
        foreach (var group in await redis.StreamGroupInfoAsync(stream))
        {
            below = Lower(below, group.LastDeliveredId ?? "0-0");
            if (group.PendingMessageCount > 0)
            {
                var pending = await redis.StreamPendingAsync(stream, group.Name);
                if (!pending.LowestPendingMessageId.IsNull)
                {
                    below = Lower(below, (string)pending.LowestPendingMessageId!);
                }
            }
        }

        if (Compare(below, (string)oldest[0].Id!) <= 0)
        {
            return null;
        }

        // "~" lets Redis drop whole nodes only, so it trims at most up to the id given, never past it.
        await redis.ExecuteAsync("XTRIM", stream, "MINID", "~", below);
        return below;
    }

    private static string Lower(string a, string b) => Compare(a, b) <= 0 ? a : b;

    /// <summary>Orders stream ids (<c>ms-seq</c>) as Redis does.</summary>
    internal static int Compare(string a, string b)
    {
        var (aMs, aSeq) = Parse(a);
        var (bMs, bSeq) = Parse(b);
        return aMs != bMs ? aMs.CompareTo(bMs) : aSeq.CompareTo(bSeq);
    }

    private static (ulong Ms, ulong Seq) Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture),
                ulong.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
