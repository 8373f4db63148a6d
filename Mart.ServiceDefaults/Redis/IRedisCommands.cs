namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// The ordinary (non-blocking) Redis commands Mart uses, sent over one shared, multiplexed and pipelined
/// connection. Safe to call from many threads at once.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="RedisServerException"/> (the server answered with an error),
/// <see cref="RedisConnectionException"/> (no connection; commands fail fast while the client reconnects
/// in the background), <see cref="RedisTimeoutException"/> (no reply within the command timeout) or
/// <see cref="OperationCanceledException"/> (the caller's token was cancelled). All but the last derive
/// from <see cref="RedisException"/>.
/// </remarks>
public interface IRedisCommands
{
    /// <summary>PING: checks the server answers and returns the round-trip time.</summary>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>GET: the value of <paramref name="key"/>, or <see langword="null"/> when the key does not exist.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>GET decoded as UTF-8, or <see langword="null"/> when the key does not exist.</summary>
    Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// SET with optional expiry (EX/PX) and condition (NX/XX).
    /// Returns <see langword="true"/> when the value was stored, <see langword="false"/> when the condition was not met.
    /// </summary>
    Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, RedisSetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>SET of a UTF-8 string; see <see cref="SetAsync(string, ReadOnlyMemory{byte}, RedisSetOptions?, CancellationToken)"/>.</summary>
    Task<bool> SetAsync(string key, string value, RedisSetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>DEL of one key; returns <see langword="true"/> when the key existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>DEL of several keys; returns how many existed.</summary>
    Task<long> DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// EXPIRE (PEXPIRE when <paramref name="timeToLive"/> is not whole seconds).
    /// Returns <see langword="false"/> when the key does not exist.
    /// </summary>
    Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>MGET: one value per key, in order, <see langword="null"/> for missing keys.</summary>
    Task<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>INCR (INCRBY when <paramref name="by"/> is not 1); returns the new value.</summary>
    Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// XADD with an auto-generated id. Fields are written in enumeration order.
    /// When <paramref name="approximateMaxLength"/> is set, adds <c>MAXLEN ~ n</c> so the stream is trimmed cheaply.
    /// Returns the new entry id.
    /// </summary>
    Task<string> StreamAddAsync(
        string stream,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> fields,
        long? approximateMaxLength = null,
        CancellationToken cancellationToken = default);

    /// <summary>XACK of one entry; returns <see langword="true"/> when it was pending.</summary>
    Task<bool> StreamAcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default);

    /// <summary>XACK of several entries; returns how many were pending.</summary>
    Task<long> StreamAcknowledgeAsync(string stream, string group, IEnumerable<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// XGROUP CREATE stream group startId MKSTREAM. Returns <see langword="false"/> when the group already
    /// exists (BUSYGROUP), <see langword="true"/> when it was created.
    /// </summary>
    Task<bool> StreamCreateGroupAsync(string stream, string group, string startId = "$", CancellationToken cancellationToken = default);

    /// <summary>
    /// XAUTOCLAIM stream group consumer minIdle startId COUNT count: moves entries idle for at least
    /// <paramref name="minIdle"/> to <paramref name="consumer"/>.
    /// </summary>
    Task<StreamAutoClaimResult> StreamAutoClaimAsync(
        string stream,
        string group,
        string consumer,
        TimeSpan minIdle,
        string startId = "0-0",
        int count = 100,
        CancellationToken cancellationToken = default);

    /// <summary>XPENDING stream group (summary form).</summary>
    Task<StreamPendingSummary> StreamPendingSummaryAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>
    /// XPENDING stream group [IDLE minIdle] start end count [consumer] (extended form), with idle time and
    /// delivery count per entry.
    /// </summary>
    Task<IReadOnlyList<StreamPendingEntry>> StreamPendingEntriesAsync(
        string stream,
        string group,
        int count,
        string start = "-",
        string end = "+",
        string? consumer = null,
        TimeSpan? minIdle = null,
        CancellationToken cancellationToken = default);

    /// <summary>XLEN: number of entries in the stream (0 when it does not exist).</summary>
    Task<long> StreamLengthAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>XRANGE stream start end [COUNT count].</summary>
    Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(
        string stream,
        string start = "-",
        string end = "+",
        int? count = null,
        CancellationToken cancellationToken = default);

    /// <summary>XINFO GROUPS stream. Throws <see cref="RedisServerException"/> when the stream does not exist.</summary>
    Task<IReadOnlyList<StreamGroupInfo>> StreamGroupsAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// EVAL script numkeys keys... args... and the raw reply. An error raised by the script throws
    /// <see cref="RedisServerException"/>.
    /// </summary>
    Task<RedisReply> EvaluateAsync(
        string script,
        IReadOnlyList<string> keys,
        IReadOnlyList<RedisArgument> arguments,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends any command that does not block the connection (never BLPOP/XREAD BLOCK/SUBSCRIBE/MULTI here) and
    /// returns the raw reply. A top-level error reply throws <see cref="RedisServerException"/>; errors nested
    /// inside arrays are returned as <see cref="RedisReplyKind.Error"/> elements.
    /// </summary>
    Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken = default);

    /// <summary>Convenience form of <see cref="ExecuteAsync(string, IReadOnlyList{RedisArgument}, CancellationToken)"/>.</summary>
    Task<RedisReply> ExecuteAsync(string command, CancellationToken cancellationToken, params RedisArgument[] arguments);
}
