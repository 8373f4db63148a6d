namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// No usable connection: the server is unreachable, refused authentication, or the connection dropped while the
/// command was in flight. Ordinary commands recover on their own once the background reconnect succeeds.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
