namespace Mart.ServiceDefaults.Redis;

/// <summary>Bytes from the server are not valid RESP2; the connection they came from is closed.</summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisProtocolException(string message)
        : base(message)
    {
    }
}
