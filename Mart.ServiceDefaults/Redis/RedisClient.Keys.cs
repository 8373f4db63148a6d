namespace Mart.ServiceDefaults.Redis;

// Key/value and general commands of the shared connection.
public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var reply = await SendAsync("PING", [], cancellationToken).ConfigureAwait(false);
        return reply.AsString() == "PONG"
            ? timeProvider.GetElapsedTime(started)
            : throw new RedisProtocolException($"PING was answered with '{reply}' instead of PONG.");
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await SendAsync("GET", [key], cancellationToken).ConfigureAwait(false)).AsBytes();

    /// <inheritdoc />
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await SendAsync("GET", [key], cancellationToken).ConfigureAwait(false)).AsString();

    /// <inheritdoc />
    public Task<bool> SetAsync(string key, string value, RedisSetOptions? options = null, CancellationToken cancellationToken = default) =>
        SetCoreAsync(key, value, options, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, RedisSetOptions? options = null, CancellationToken cancellationToken = default) =>
        SetCoreAsync(key, value, options, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await SendAsync("DEL", [key], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <inheritdoc />
    public async Task<long> DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var arguments = ToArguments(keys);
        return arguments.Length == 0 ? 0 : (await SendAsync("DEL", arguments, cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <inheritdoc />
    public async Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var reply = WholeSeconds(timeToLive) is { } seconds
            ? await SendAsync("EXPIRE", [key, seconds], cancellationToken).ConfigureAwait(false)
            : await SendAsync("PEXPIRE", [key, PositiveMilliseconds(timeToLive)], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var reply = await SendAsync("MGET", ToArguments(keys), cancellationToken).ConfigureAwait(false);
        return reply.Elements.Select(element => element.AsBytes()).ToArray();
    }

    /// <inheritdoc />
    public async Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default)
    {
        var reply = by == 1
            ? await SendAsync("INCR", [key], cancellationToken).ConfigureAwait(false)
            : await SendAsync("INCRBY", [key, by], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    /// <inheritdoc />
    public Task<RedisReply> EvaluateAsync(
        string script,
        IReadOnlyList<string> keys,
        IReadOnlyList<RedisArgument> arguments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new RedisArgument[2 + keys.Count + arguments.Count];
        all[0] = script;
        all[1] = keys.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            all[2 + i] = keys[i];
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            all[2 + keys.Count + i] = arguments[i];
        }

        return SendAsync("EVAL", all, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return SendAsync(command, arguments as RedisArgument[] ?? [.. arguments], cancellationToken);
    }

    /// <inheritdoc />
    public Task<RedisReply> ExecuteAsync(string command, CancellationToken cancellationToken, params RedisArgument[] arguments) =>
        ExecuteAsync(command, (IReadOnlyList<RedisArgument>)arguments, cancellationToken);

    private async Task<bool> SetCoreAsync(string key, RedisArgument value, RedisSetOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var arguments = new List<RedisArgument>(5) { key, value };
        if (options?.Expiry is { } expiry)
        {
            if (WholeSeconds(expiry) is { } seconds)
            {
                arguments.Add("EX");
                arguments.Add(seconds);
            }
            else
            {
                arguments.Add("PX");
                arguments.Add(PositiveMilliseconds(expiry));
            }
        }

        switch (options?.Condition ?? SetCondition.Always)
        {
            case SetCondition.IfNotExists:
                arguments.Add("NX");
                break;
            case SetCondition.IfExists:
                arguments.Add("XX");
                break;
        }

        // OK when stored; a null bulk string when NX/XX prevented it.
        var reply = await SendAsync("SET", [.. arguments], cancellationToken).ConfigureAwait(false);
        return !reply.IsNull;
    }

    private static RedisArgument[] ToArguments(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Select(static k => (RedisArgument)k).ToArray();
    }

    private static long? WholeSeconds(TimeSpan value)
    {
        var ms = PositiveMilliseconds(value);
        return ms % 1000 == 0 ? ms / 1000 : null;
    }

    private static long PositiveMilliseconds(TimeSpan value)
    {
        // Redis rejects 0 and negative expiries ("invalid expire time"); sub-millisecond values round up to 1 ms.
        var ms = (long)Math.Ceiling(value.TotalMilliseconds);
        return ms > 0 ? ms : throw new ArgumentOutOfRangeException(nameof(value), value, "An expiry must be positive.");
    }
}
