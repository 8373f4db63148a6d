using StackExchange.Redis;

namespace OrdersBench;

/// <summary>
/// Waits for new entries on Orders' event stream (<c>mart.orders</c>) with a blocking XREAD on a connection of its own.
/// Every move of an order that the bench waits for (awaiting payment, completed, cancelled) adds an entry there in
/// the move's own transaction, so the bench asks Orders only when something happened, instead of polling it: with one
/// order in flight the polling was most of the machine's CPU, and slowed the pipeline it measured; under load, asking
/// for a customer's open orders every 100 ms read thousands of orders a second.
/// </summary>
internal sealed class OrderStreamWatch(IConnectionMultiplexer redis)
{
    private const string Stream = "mart.orders";

    private readonly IDatabase db = redis.GetDatabase();

    /// <summary>The id of the stream's newest entry, or "0-0" when it is empty: wait after this one.</summary>
    public async Task<string> NewestIdAsync()
    {
        var newest = await db.StreamRangeAsync(Stream, "-", "+", count: 1, messageOrder: Order.Descending);
        return newest.Length == 0 ? "0-0" : newest[0].Id.ToString();
    }

    /// <summary>
    /// Blocks until entries newer than <paramref name="after"/> arrive or <paramref name="timeout"/> passes; returns the
    /// newest id seen, or <paramref name="after"/> when nothing came.
    /// </summary>
    public async Task<string> WaitAfterAsync(string after, TimeSpan timeout)
    {
        var reply = await db.ExecuteAsync("XREAD", "COUNT", 100, "BLOCK", (long)timeout.TotalMilliseconds, "STREAMS", Stream, after);
        if (reply.IsNull)
        {
            return after;
        }

        var entries = Entries(reply);
        return entries.Length == 0 ? after : ((RedisResult[])entries[^1]!)[0].ToString();
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> entries of <paramref name="type"/> have been added after
    /// <paramref name="after"/>: true once they have, false when none came for <paramref name="quiet"/> (an order that
    /// ended otherwise adds another type, or none).
    /// </summary>
    public async Task<bool> WaitForAsync(string after, string type, int expected, TimeSpan quiet)
    {
        var seen = 0;
        var lastSeen = DateTime.UtcNow;
        while (seen < expected)
        {
            var reply = await db.ExecuteAsync("XREAD", "COUNT", 1000, "BLOCK", 200, "STREAMS", Stream, after);
            foreach (var entry in Entries(reply).Select(entry => (RedisResult[])entry!))
            {
                after = entry[0].ToString();
                var fields = (RedisResult[])entry[1]!;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                {
                    if (fields[i].ToString() == "type" && fields[i + 1].ToString() == type)
                    {
                        seen++;
                        lastSeen = DateTime.UtcNow;
                    }
                }
            }

            if (seen < expected && DateTime.UtcNow - lastSeen > quiet)
            {
                return false;
            }

            // Entries arrive a few at a time under load; reading them in batches keeps the bench's own CPU small.
            await Task.Delay(100);
        }

        return true;
    }

    // XREAD answers [[stream, [[id, [field, value, ...]], ...]]], or nil when the block timed out.
    private static RedisResult[] Entries(RedisResult reply) =>
        reply.IsNull ? [] : (RedisResult[])((RedisResult[])((RedisResult[])reply!)[0]!)[1]!;
}
