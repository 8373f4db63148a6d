using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Caching;

/// <summary>Log events of the cache (event ids 7200-7299).</summary>
internal static partial class CacheLog
{
    [LoggerMessage(7200, LogLevel.Warning, "Cache unavailable ({Reason}); reads go to the source until Redis answers again.")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(7201, LogLevel.Debug, "Cache still unavailable for {Key}: {Reason}.")]
    public static partial void StillUnavailable(ILogger logger, string key, string reason);

    [LoggerMessage(7202, LogLevel.Information, "Cache available again.")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(7203, LogLevel.Warning, "Cached value of {Key} does not read as {Type} ({Reason}); treating it as a miss.")]
    public static partial void Unreadable(ILogger logger, string key, string type, string reason);
}
