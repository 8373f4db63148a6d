namespace Mart.ServiceDefaults.Redis;

/// <summary>Base of every failure reported by Mart's Redis client.</summary>
public class RedisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
