namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// No reply arrived within the command timeout. The connection stays open: the late reply is read and discarded.
/// </summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisTimeoutException(string message)
        : base(message)
    {
    }
}
