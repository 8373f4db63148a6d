using StackExchange.Redis;

namespace OrdersBench;

/// <summary>
/// Waits for new entries on Orders' event stream (<c>mart.orders</c>) with a blocking XREAD on a connection of its own.
/// Every move of an order that the paced run waits for (awaiting payment, completed, cancelled) adds an entry there in
/// the move's own transaction, so the run asks Orders for the order only when something happened, instead of polling
/// it every few milliseconds: the polling was most of the machine's CPU while one order was in flight, and slowed the
/// pipeline it measured.
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

        // [[stream, [[id, [field, value, ...]], ...]]]
        var entries = (RedisResult[])((RedisResult[])((RedisResult[])reply!)[0]!)[1]!;
        return entries.Length == 0 ? after : ((RedisResult[])entries[^1]!)[0].ToString();
    }
}
