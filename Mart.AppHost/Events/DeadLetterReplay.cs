using Mart.Messaging;
using StackExchange.Redis;

namespace Mart.AppHost.Events;

/// <summary>
/// Puts a stream's dead letters back onto it. Each one is copied back (its own event fields, without the failure
/// details) and deleted from the dead-letter stream inside one script, so a dead letter that another replay took
/// already is skipped: running the command twice at once replays each exactly once. Consumer groups that had
/// handled the event already skip it through their inbox (same event id). Only dead letters present when the
/// replay began are taken, so one that fails again and comes back is not replayed in a loop.
/// </summary>
internal static class DeadLetterReplay
{
    private const int BatchSize = 100;

    private static readonly string[] DeadLetterOnlyFields =
    [
        EventFields.Error, EventFields.Attempts, EventFields.ConsumerGroup,
        EventFields.OriginalStream, EventFields.OriginalEntryId, EventFields.FailedAt,
    ];

    // KEYS[1] dead-letter stream, KEYS[2] its stream; ARGV[1] how many field names follow (not copied back), then
    // those names, then the dead letters' ids. Returns how many were replayed. A dead letter whose entry was deleted
    // before it was handled has nothing to put back, and stays.
    private const string Script = """
        local skip = {}
        local skipped = tonumber(ARGV[1])
        for i = 2, skipped + 1 do skip[ARGV[i]] = true end
        local replayed = 0
        for i = skipped + 2, #ARGV do
          local entries = redis.call('XRANGE', KEYS[1], ARGV[i], ARGV[i])
          if #entries == 1 then
            local fields = entries[1][2]
            local copy = {}
            for f = 1, #fields, 2 do
              if not skip[fields[f]] then
                copy[#copy + 1] = fields[f]
                copy[#copy + 1] = fields[f + 1]
              end
            end
            if #copy > 0 then
              redis.call('XADD', KEYS[2], '*', unpack(copy))
              redis.call('XDEL', KEYS[1], ARGV[i])
              replayed = replayed + 1
            end
          end
        end
        return replayed
        """;

    public static async Task<int> ReplayAllAsync(IDatabase redis, EventStreamResource stream)
    {
        var newest = await redis.StreamRangeAsync(stream.DeadLetterStream, "-", "+", 1, Order.Descending).ConfigureAwait(false);
        if (newest.Length == 0)
        {
            return 0;
        }

        var upTo = newest[0].Id;
        RedisValue from = "-";
        var replayed = 0;
        while (true)
        {
            var batch = await redis.StreamRangeAsync(stream.DeadLetterStream, from, upTo, BatchSize).ConfigureAwait(false);
            if (batch.Length == 0)
            {
                return replayed;
            }

            RedisValue[] arguments = [DeadLetterOnlyFields.Length, .. DeadLetterOnlyFields.Select(f => (RedisValue)f), .. batch.Select(e => e.Id)];
            var result = await redis.ScriptEvaluateAsync(Script, [stream.DeadLetterStream, stream.Stream], arguments).ConfigureAwait(false);
            replayed += (int)result;
            if (batch.Length < BatchSize)
            {
                return replayed;
            }

            from = "(" + batch[^1].Id;
        }
    }
}
