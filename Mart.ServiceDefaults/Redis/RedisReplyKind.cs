namespace Mart.ServiceDefaults.Redis;

/// <summary>The RESP2 reply types.</summary>
public enum RedisReplyKind
{
    /// <summary>"+" status line, e.g. OK.</summary>
    SimpleString,

    /// <summary>"-" error line, e.g. "ERR unknown command".</summary>
    Error,

    /// <summary>":" signed 64-bit integer.</summary>
    Integer,

    /// <summary>"$" binary-safe string; may be null.</summary>
    BulkString,

    /// <summary>"*" array of replies; may be null.</summary>
    Array,
}
