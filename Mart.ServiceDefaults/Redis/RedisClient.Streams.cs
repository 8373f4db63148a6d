namespace Mart.ServiceDefaults.Redis;

// Stream commands of the shared connection (blocking reads live in RedisStreamReader).
public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<string> StreamAddAsync(
        string stream,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> fields,
        long? approximateMaxLength = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fields);
        var arguments = new List<RedisArgument>(16) { stream };
        if (approximateMaxLength is { } maxLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxLength, nameof(approximateMaxLength));
            arguments.Add("MAXLEN");
            arguments.Add("~");
            arguments.Add(maxLength);
        }

        arguments.Add("*");
        var fieldCount = 0;
        foreach (var (name, value) in fields)
        {
            arguments.Add(name);
            arguments.Add(value);
            fieldCount++;
        }

        if (fieldCount == 0)
        {
            throw new ArgumentException("A stream entry needs at least one field.", nameof(fields));
        }

        var reply = await SendAsync("XADD", [.. arguments], cancellationToken).ConfigureAwait(false);
        return reply.AsString() ?? throw new RedisProtocolException("XADD returned a null id.");
    }

    /// <inheritdoc />
    public async Task<bool> StreamAcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default) =>
        (await SendAsync("XACK", [stream, group, id], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <inheritdoc />
    public async Task<long> StreamAcknowledgeAsync(string stream, string group, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        RedisArgument[] arguments = [stream, group, .. ids.Select(static id => (RedisArgument)id)];
        return arguments.Length == 2 ? 0 : (await SendAsync("XACK", arguments, cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <inheritdoc />
    public async Task<bool> StreamCreateGroupAsync(string stream, string group, string startId = "$", CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync("XGROUP", ["CREATE", stream, group, startId, "MKSTREAM"], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RedisServerException ex) when (ex.ErrorCode == "BUSYGROUP")
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<StreamAutoClaimResult> StreamAutoClaimAsync(
        string stream,
        string group,
        string consumer,
        TimeSpan minIdle,
        string startId = "0-0",
        int count = 100,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var reply = await SendAsync(
            "XAUTOCLAIM",
            [stream, group, consumer, NonNegativeMilliseconds(minIdle), startId, "COUNT", count],
            cancellationToken).ConfigureAwait(false);
        return StreamReplies.ToAutoClaimResult(reply);
    }

    /// <inheritdoc />
    public async Task<StreamPendingSummary> StreamPendingSummaryAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        StreamReplies.ToPendingSummary(await SendAsync("XPENDING", [stream, group], cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamPendingEntry>> StreamPendingEntriesAsync(
        string stream,
        string group,
        int count,
        string start = "-",
        string end = "+",
        string? consumer = null,
        TimeSpan? minIdle = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var arguments = new List<RedisArgument>(8) { stream, group };
        if (minIdle is { } idle)
        {
            arguments.Add("IDLE");
            arguments.Add(NonNegativeMilliseconds(idle));
        }

        arguments.Add(start);
        arguments.Add(end);
        arguments.Add(count);
        if (consumer is not null)
        {
            arguments.Add(consumer);
        }

        return StreamReplies.ToPendingEntries(await SendAsync("XPENDING", [.. arguments], cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<long> StreamLengthAsync(string stream, CancellationToken cancellationToken = default) =>
        (await SendAsync("XLEN", [stream], cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(
        string stream,
        string start = "-",
        string end = "+",
        int? count = null,
        CancellationToken cancellationToken = default)
    {
        RedisArgument[] arguments = count is { } n
            ? [stream, start, end, "COUNT", n]
            : [stream, start, end];
        return StreamReplies.ToEntries(await SendAsync("XRANGE", arguments, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamGroupInfo>> StreamGroupsAsync(string stream, CancellationToken cancellationToken = default) =>
        StreamReplies.ToGroups(await SendAsync("XINFO", ["GROUPS", stream], cancellationToken).ConfigureAwait(false));

    private static long NonNegativeMilliseconds(TimeSpan value) =>
        value >= TimeSpan.Zero
            ? (long)value.TotalMilliseconds
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An idle time cannot be negative.");
}
