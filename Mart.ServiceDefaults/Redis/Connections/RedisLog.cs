using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Redis.Connections;

/// <summary>Log messages of the Redis client.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to Redis at {Endpoint} ({Purpose})")]
    public static partial void Connected(ILogger logger, string endpoint, string purpose);

    [LoggerMessage(2, LogLevel.Warning, "Cannot connect to Redis at {Endpoint}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string endpoint, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "Connection to Redis at {Endpoint} lost; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(4, LogLevel.Warning, "Redis connection string options {Keys} are not known to this client and are ignored")]
    public static partial void IgnoredOptions(ILogger logger, string keys);

    [LoggerMessage(5, LogLevel.Warning, "{Count} Redis command(s) to {Endpoint} got no reply within their timeout (oldest: {Command}, {Timeout})")]
    public static partial void CommandsTimedOut(ILogger logger, int count, string endpoint, string command, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Warning, "Redis at {Endpoint} did not accept CLIENT SETNAME: {Error}")]
    public static partial void SetNameRejected(ILogger logger, string endpoint, string error);

    [LoggerMessage(7, LogLevel.Debug, "Closing Redis connection to {Endpoint} ({Purpose})")]
    public static partial void Closing(ILogger logger, string endpoint, string purpose);
}
