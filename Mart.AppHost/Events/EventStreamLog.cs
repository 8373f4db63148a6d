using Microsoft.Extensions.Logging;

namespace Mart.AppHost.Events;

/// <summary>What the stream resources write to their console logs.</summary>
internal static partial class EventStreamLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Stream} and {DeadLetterStream} on {Redis}")]
    public static partial void Watching(ILogger logger, string stream, string deadLetterStream, string redis);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be read: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis can be read again")]
    public static partial void Available(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead letter(s) in {DeadLetterStream}")]
    public static partial void DeadLettersWaiting(ILogger logger, long count, string deadLetterStream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Summary}")]
    public static partial void FallingBehind(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} dead letter(s) from {DeadLetterStream} onto {Stream}")]
    public static partial void Replayed(ILogger logger, int count, string deadLetterStream, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} dead letter(s) in {DeadLetterStream}{More}")]
    public static partial void ShowingDeadLetters(ILogger logger, long count, string deadLetterStream, string more);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Dead letter {EntryId}: {Type} (event {EventId}, from {Source}, occurred {Occurred}); group {Group} gave up after {Attempts} attempt(s) at {FailedAt} on entry {OriginalEntryId}: {Error}")]
    public static partial void DeadLetter(ILogger logger, string entryId, string type, string eventId, string source, string occurred, string group, string attempts, string failedAt, string originalEntryId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "  payload {Payload}")]
    public static partial void Payload(ILogger logger, string payload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "  payload cannot be decoded: {Reason}")]
    public static partial void Undecodable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string command, string reason);
}
