using Microsoft.Extensions.Logging;

namespace Mart.AppHost.Restart;

/// <summary>What restart-on-failure writes to the resource's own console log.</summary>
internal static partial class RestartLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited ({State}, exit code {ExitCode}) without being asked to stop; restart {Attempt} in {Delay}")]
    public static partial void Restarting(ILogger logger, string resource, string? state, int? exitCode, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting {Resource} failed: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string resource, string? reason);
}
