using System.Globalization;
using System.Text.RegularExpressions;
using Mart.ServiceDefaults.Messaging;
using Mart.ServiceDefaults.Infrastructure;
using StackExchange.Redis;

namespace Mart.Hosting.Dashboard.Events;

/// <summary>
/// Reads Mart's event streams (DESIGN.md section 5) for the Events page, and replays dead letters: the event's
/// own fields go back onto its stream and the dead letter is deleted, in one script so a double click cannot
/// replay it twice. Every consumer group sees the replayed entry; groups that had handled it already skip it
/// through their inbox (same message id).
/// </summary>
internal sealed partial class EventStreamInspector(EventStreamConnection connection)
{
    public static readonly IReadOnlyList<string> Streams = [StreamNames.Products, StreamNames.Orders, StreamNames.Payments, StreamNames.Market];

    private static readonly string[] DeadLetterOnlyFields =
    [
        EventFields.Error, EventFields.Attempts, EventFields.ConsumerGroup,
        EventFields.OriginalStream, EventFields.OriginalEntryId, EventFields.FailedAt,
    ];

    // KEYS[1] dead-letter stream, KEYS[2] its stream; ARGV[1] the dead letter's id, ARGV[2..] fields not copied back.
    private const string ReplayScript = """
        local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
        if #entries == 0 then return false end
        local skip = {}
        for i = 2, #ARGV do skip[ARGV[i]] = true end
        local fields = entries[1][2]
        local copy = {}
        for i = 1, #fields, 2 do
          if not skip[fields[i]] then
            copy[#copy + 1] = fields[i]
            copy[#copy + 1] = fields[i + 1]
          end
        end
        local id = redis.call('XADD', KEYS[2], '*', unpack(copy))
        redis.call('XDEL', KEYS[1], ARGV[1])
        return id
        """;

    public static bool IsKnownStream(string stream) => Streams.Contains(stream, StringComparer.Ordinal);

    public static bool IsEntryId(string id) => EntryId().IsMatch(id);

    public async Task<EventOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var (redis, unavailable) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            return new EventOverview(connection.Resource?.Name, unavailable, []);
        }

        try
        {
            var streams = await Task.WhenAll(Streams.Select(stream => DescribeAsync(redis, stream, cancellationToken))).ConfigureAwait(false);
            return new EventOverview(connection.Resource?.Name, null, streams);
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            return new EventOverview(connection.Resource?.Name, ex.Message, []);
        }
    }

    /// <summary>The newest entries of a stream, newest first; null when Redis cannot be read.</summary>
    public async Task<IReadOnlyList<EventEntryView>?> GetRecentAsync(string stream, int count, CancellationToken cancellationToken)
    {
        var (redis, _) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            return null;
        }

        var entries = await redis.StreamRangeAsync(stream, "-", "+", count, Order.Descending).WaitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Select(EventStreamEntry.From).Select(ToEventView).ToList();
    }

    /// <summary>The newest dead letters of a stream, newest first; null when Redis cannot be read.</summary>
    public async Task<IReadOnlyList<DeadLetterView>?> GetDeadLettersAsync(string stream, int count, CancellationToken cancellationToken)
    {
        var (redis, _) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            return null;
        }

        var entries = await redis.StreamRangeAsync(StreamNames.DeadLetters(stream), "-", "+", count, Order.Descending).WaitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Select(EventStreamEntry.From).Select(entry => ToDeadLetterView(stream, entry)).ToList();
    }

    /// <summary>Puts a dead letter back on its stream; null when there is no such dead letter (any more).</summary>
    public async Task<ReplayResult?> ReplayAsync(string stream, string deadLetterId, CancellationToken cancellationToken)
    {
        var (redis, unavailable) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, unavailable ?? "Redis is not available.");
        }

        var reply = await redis.ScriptEvaluateAsync(
            ReplayScript,
            [StreamNames.DeadLetters(stream), stream],
            [deadLetterId, .. DeadLetterOnlyFields.Select(f => (RedisValue)f)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : new ReplayResult(stream, deadLetterId, reply.ToString());
    }

    private static async Task<StreamView> DescribeAsync(IDatabaseAsync redis, string stream, CancellationToken cancellationToken)
    {
        var length = redis.StreamLengthAsync(stream).WaitAsync(cancellationToken);
        var deadLetters = redis.StreamLengthAsync(StreamNames.DeadLetters(stream)).WaitAsync(cancellationToken);
        var newest = redis.StreamRangeAsync(stream, "-", "+", 1, Order.Descending).WaitAsync(cancellationToken);
        StreamGroupInfo[] groups;
        try
        {
            groups = await redis.StreamGroupInfoAsync(stream).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            groups = []; // The stream does not exist yet: nothing was published.
        }

        var groupViews = new List<GroupView>(groups.Length);
        foreach (var group in groups)
        {
            var consumers = await redis.StreamConsumerInfoAsync(stream, group.Name).WaitAsync(cancellationToken).ConfigureAwait(false);
            groupViews.Add(new GroupView(
                group.Name, group.PendingMessageCount, group.Lag, group.LastDeliveredId ?? "",
                [.. consumers.Select(consumer => new ConsumerView(consumer.Name, consumer.PendingMessageCount, consumer.IdleTimeInMilliseconds))]));
        }

        var last = (await newest.ConfigureAwait(false)).Select(EventStreamEntry.From).FirstOrDefault();
        return new StreamView(
            stream, await length.ConfigureAwait(false), last?.Id, last is null ? null : TimeOf(last.Id),
            await deadLetters.ConfigureAwait(false), groupViews);
    }

    private static EventEntryView ToEventView(EventStreamEntry entry)
    {
        var type = entry.GetString(EventFields.Type);
        var (payload, error) = EventPayload.Decode(type, entry.Fields.GetValueOrDefault(EventFields.Data));
        return new EventEntryView(
            entry.Id,
            entry.GetString(EventFields.Id),
            type,
            entry.GetString(EventFields.Source),
            UnixMilliseconds(entry.GetString(EventFields.Occurred)),
            TraceIdOf(entry.GetString(EventFields.TraceParent)),
            payload,
            error);
    }

    private static DeadLetterView ToDeadLetterView(string stream, EventStreamEntry entry) => new(
        stream,
        ToEventView(entry),
        entry.GetString(EventFields.Error) ?? "",
        int.TryParse(entry.GetString(EventFields.Attempts), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
        entry.GetString(EventFields.ConsumerGroup) ?? "",
        entry.GetString(EventFields.OriginalEntryId) ?? "",
        UnixMilliseconds(entry.GetString(EventFields.FailedAt)));

    /// <summary>Stream ids start with the unix milliseconds at which Redis added the entry.</summary>
    private static DateTimeOffset? TimeOf(string entryId) =>
        long.TryParse(entryId.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static DateTimeOffset? UnixMilliseconds(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The trace id of a W3C traceparent (<c>00-{trace id}-{span id}-{flags}</c>), so the page can link to the trace.</summary>
    private static string? TraceIdOf(string? traceParent) =>
        traceParent?.Split('-') is [_, { Length: 32 } traceId, _, _] ? traceId : null;

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial Regex EntryId();
}
