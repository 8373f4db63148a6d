using System.Globalization;
using System.Text.RegularExpressions;
using Mart.ServiceDefaults.Messaging;
using Mart.ServiceDefaults.Redis;

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
        catch (RedisException ex)
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

        var reply = await redis.ExecuteAsync("XREVRANGE", cancellationToken, stream, "+", "-", "COUNT", count).ConfigureAwait(false);
        return StreamReplyReader.ReadEntries(reply).Select(ToEventView).ToList();
    }

    /// <summary>The newest dead letters of a stream, newest first; null when Redis cannot be read.</summary>
    public async Task<IReadOnlyList<DeadLetterView>?> GetDeadLettersAsync(string stream, int count, CancellationToken cancellationToken)
    {
        var (redis, _) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            return null;
        }

        var reply = await redis.ExecuteAsync("XREVRANGE", cancellationToken, StreamNames.DeadLetters(stream), "+", "-", "COUNT", count).ConfigureAwait(false);
        return StreamReplyReader.ReadEntries(reply).Select(entry => ToDeadLetterView(stream, entry)).ToList();
    }

    /// <summary>Puts a dead letter back on its stream; null when there is no such dead letter (any more).</summary>
    public async Task<ReplayResult?> ReplayAsync(string stream, string deadLetterId, CancellationToken cancellationToken)
    {
        var (redis, unavailable) = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        if (redis is null)
        {
            throw new RedisConnectionException(unavailable ?? "Redis is not available.");
        }

        var reply = await redis.EvaluateAsync(
            ReplayScript,
            [StreamNames.DeadLetters(stream), stream],
            [deadLetterId, .. DeadLetterOnlyFields.Select(f => (RedisArgument)f)],
            cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : new ReplayResult(stream, deadLetterId, reply.AsString()!);
    }

    private static async Task<StreamView> DescribeAsync(IRedisCommands redis, string stream, CancellationToken cancellationToken)
    {
        var length = redis.StreamLengthAsync(stream, cancellationToken);
        var deadLetters = redis.StreamLengthAsync(StreamNames.DeadLetters(stream), cancellationToken);
        var newest = redis.ExecuteAsync("XREVRANGE", cancellationToken, stream, "+", "-", "COUNT", 1);
        IReadOnlyList<StreamGroupInfo> groups;
        try
        {
            groups = await redis.StreamGroupsAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            groups = []; // The stream does not exist yet: nothing was published.
        }

        var groupViews = new List<GroupView>(groups.Count);
        foreach (var group in groups)
        {
            var consumers = await redis.ExecuteAsync("XINFO", cancellationToken, "CONSUMERS", stream, group.Name).ConfigureAwait(false);
            groupViews.Add(new GroupView(group.Name, group.Pending, group.Lag, group.LastDeliveredId, StreamReplyReader.ReadConsumers(consumers)));
        }

        var last = StreamReplyReader.ReadEntries(await newest.ConfigureAwait(false)).FirstOrDefault();
        return new StreamView(
            stream, await length.ConfigureAwait(false), last?.Id, last is null ? null : StreamReplyReader.TimeOf(last.Id),
            await deadLetters.ConfigureAwait(false), groupViews);
    }

    private static EventEntryView ToEventView(StreamEntry entry)
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

    private static DeadLetterView ToDeadLetterView(string stream, StreamEntry entry) => new(
        stream,
        ToEventView(entry),
        entry.GetString(EventFields.Error) ?? "",
        int.TryParse(entry.GetString(EventFields.Attempts), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
        entry.GetString(EventFields.ConsumerGroup) ?? "",
        entry.GetString(EventFields.OriginalEntryId) ?? "",
        UnixMilliseconds(entry.GetString(EventFields.FailedAt)));

    private static DateTimeOffset? UnixMilliseconds(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The trace id of a W3C traceparent (<c>00-{trace id}-{span id}-{flags}</c>), so the page can link to the trace.</summary>
    private static string? TraceIdOf(string? traceParent) =>
        traceParent?.Split('-') is [_, { Length: 32 } traceId, _, _] ? traceId : null;

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial Regex EntryId();
}
