using Microsoft.Extensions.Logging;

namespace Mart.Messaging;

/// <summary>Log events of the relay and the consumers (event ids 7100-7199).</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(7100, LogLevel.Information, "Outbox relay publishing to {Stream} (poll interval {PollInterval}).")]
    public static partial void RelayStarted(ILogger logger, string stream, TimeSpan pollInterval);

    [LoggerMessage(7101, LogLevel.Debug, "Outbox relay published {Count} event(s) to {Stream}.")]
    public static partial void BatchPublished(ILogger logger, string stream, int count);

    [LoggerMessage(7102, LogLevel.Warning, "Outbox relay cannot publish to {Stream}: {ErrorType}: {Reason}. Events stay in the outbox and nothing is lost; retrying with backoff, next attempt in {Delay}.")]
    public static partial void RelayPaused(ILogger logger, Exception exception, string stream, string errorType, string reason, TimeSpan delay);

    [LoggerMessage(7103, LogLevel.Debug, "Outbox relay for {Stream} still failing (attempt {Failures}): {Reason}. Next attempt in {Delay}.")]
    public static partial void RelayStillFailing(ILogger logger, string stream, int failures, string reason, TimeSpan delay);

    [LoggerMessage(7104, LogLevel.Information, "Outbox relay for {Stream} resumed after {Failures} failed attempt(s) over {Downtime}.")]
    public static partial void RelayResumed(ILogger logger, string stream, int failures, TimeSpan downtime);

    [LoggerMessage(7105, LogLevel.Debug, "Deleted {Deleted} outbox row(s) of {Stream} sent before {Cutoff}.")]
    public static partial void OutboxCleaned(ILogger logger, string stream, int deleted, DateTimeOffset cutoff);

    [LoggerMessage(7106, LogLevel.Warning, "Outbox notification listener lost its connection ({Reason}); polling covers the gap, reconnecting in {Delay}.")]
    public static partial void ListenFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(7120, LogLevel.Information, "Consuming {Stream} as {Group}/{Consumer} for: {Types}.")]
    public static partial void ConsumerStarting(ILogger logger, string stream, string group, string consumer, string types);

    [LoggerMessage(7121, LogLevel.Information, "Created consumer group {Group} on {Stream} starting at {StartId}.")]
    public static partial void GroupCreated(ILogger logger, string stream, string group, string startId);

    [LoggerMessage(7122, LogLevel.Warning, "Consumer of {Stream} ({Group}) cannot read: {Reason}. Unacknowledged entries stay pending; retrying in {Delay}.")]
    public static partial void ConsumerFailed(ILogger logger, Exception? exception, string stream, string group, string reason, TimeSpan delay);

    [LoggerMessage(7123, LogLevel.Information, "Consumer of {Stream} ({Group}) resumed after {Failures} failed attempt(s).")]
    public static partial void ConsumerResumed(ILogger logger, string stream, string group, int failures);

    [LoggerMessage(7124, LogLevel.Information, "Re-processing {Count} entr(ies) of {Stream} this consumer of {Group} held unacknowledged.")]
    public static partial void PendingResumed(ILogger logger, string stream, string group, int count);

    [LoggerMessage(7125, LogLevel.Information, "Took over {Count} entr(ies) of {Stream} ({Group}) idle for more than {IdleTime}.")]
    public static partial void EntriesClaimed(ILogger logger, string stream, string group, int count, TimeSpan idleTime);

    [LoggerMessage(7126, LogLevel.Warning, "Handling {Type} {MessageId} from {Stream} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string stream, string type, Guid messageId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(7127, LogLevel.Error, "Handling {Type} {MessageId} from {Stream} failed {Attempts} time(s); giving up.")]
    public static partial void HandlerGaveUp(ILogger logger, Exception exception, string stream, string type, Guid messageId, int attempts);

    [LoggerMessage(7128, LogLevel.Error, "Moved entry {EntryId} ({Type}) of {Stream} to {DeadLetterStream}: {Error}")]
    public static partial void DeadLettered(ILogger logger, string stream, string entryId, string type, string deadLetterStream, string error);

    [LoggerMessage(7129, LogLevel.Debug, "Skipped {Type} {MessageId} from {Stream}: the inbox shows {Group} already handled it.")]
    public static partial void DuplicateSkipped(ILogger logger, string stream, string type, Guid messageId, string group);

    [LoggerMessage(7131, LogLevel.Warning, "Handling {Type} {MessageId} from {Stream} hit an outage ({Reason}); waiting {Delay} without counting an attempt.")]
    public static partial void HandlerOutage(ILogger logger, string stream, string type, Guid messageId, string reason, TimeSpan delay);

    [LoggerMessage(7132, LogLevel.Debug, "Shared transaction for {Count} entries of {Stream} rolled back ({Reason}); handling them one by one.")]
    public static partial void BatchRolledBack(ILogger logger, string stream, int count, string reason);

    [LoggerMessage(7133, LogLevel.Debug, "Trimmed {Stream} below {EntryId}: every consumer group has acknowledged those entries, and {Keep} newer ones stay.")]
    public static partial void StreamTrimmed(ILogger logger, string stream, string entryId, long keep);

    [LoggerMessage(7134, LogLevel.Warning, "Consumer group {Group}'s lag on {Stream} is unknown to Redis: entries it had not read were deleted or trimmed.")]
    public static partial void LagUnknown(ILogger logger, string stream, string group);
}
