namespace Mart.ServiceDefaults.Redis;

/// <summary>The server answered a command with an error reply (e.g. "WRONGTYPE ...", "BUSYGROUP ...").</summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates the exception from the error line.</summary>
    public RedisServerException(string message)
        : base(message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        ErrorCode = space < 0 ? message : message[..space];
    }

    /// <summary>The first word of the error, by Redis convention its code: ERR, WRONGTYPE, BUSYGROUP, NOSCRIPT, NOGROUP...</summary>
    public string ErrorCode { get; }
}
