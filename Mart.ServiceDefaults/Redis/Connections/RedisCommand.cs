namespace Mart.ServiceDefaults.Redis.Connections;

/// <summary>
/// A command waiting for its reply. Continuations run asynchronously so a caller's code never runs on (and
/// never stalls) the connection's read loop.
/// </summary>
internal sealed class RedisCommand(string name, RedisArgument[] arguments, TimeSpan timeout, long deadline)
    : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string Name => name;

    public RedisArgument[] Arguments => arguments;

    public TimeSpan Timeout => timeout;

    /// <summary>TimeProvider timestamp after which the caller gets a timeout.</summary>
    public long Deadline => deadline;
}
