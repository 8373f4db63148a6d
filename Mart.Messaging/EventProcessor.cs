using Google.Protobuf;
using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>
/// Handles stream entries for one consumer group: decodes them, runs their handlers with the inbox rows in the same
/// transaction, retries with backoff, dead-letters after the last attempt, and acknowledges.
/// </summary>
/// <remarks>
/// New entries are handled in shared transactions of up to <see cref="EventConsumerOptions.TransactionBatchSize"/>:
/// one commit (one WAL flush) for the lot instead of one per entry, and one statement for their inbox rows. If any of
/// them fails, the shared transaction is rolled back and they are handled one by one, so a failure never costs another
/// entry its effects, and the entry that failed has used one attempt.
/// </remarks>
internal sealed class EventProcessor(
    ConsumerSetup setup,
    IServiceScopeFactory scopeFactory,
    IDatabaseAsync redis,
    DeadLetterWriter deadLetters,
    MessagingMetrics metrics,
    MessagingProgress progress,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly RetryBackoff backoff = new(setup.Options.RetryBaseDelay, setup.Options.RetryMaxDelay);
    private readonly RetryBackoff outageBackoff = new(setup.Options.ReconnectMinDelay, setup.Options.ReconnectMaxDelay);

    private string Stream => setup.Stream;

    private string Group => setup.Group;

    /// <summary>Processes entries delivered for the first time, in order.</summary>
    /// <remarks>Returns once all are acknowledged; throws only when stopping or when Redis fails (they then stay pending).</remarks>
    public async Task ProcessNewAsync(IReadOnlyList<EventStreamEntry> entries, CancellationToken cancellationToken)
    {
        var batch = new List<ReceivedEvent>(setup.Options.TransactionBatchSize);
        var ignored = new List<(string Id, string Type)>();
        foreach (var entry in entries)
        {
            if (await PrepareAsync(entry, ignored, cancellationToken) is not { } received)
            {
                continue;
            }

            batch.Add(received);
            if (batch.Count == setup.Options.TransactionBatchSize)
            {
                await HandleBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await HandleBatchAsync(batch, cancellationToken);
        }

        await AcknowledgeIgnoredAsync(ignored);
    }

    /// <summary>Processes an entry delivered before (a restart or a take-over); it has now been delivered <paramref name="deliveries"/> times.</summary>
    public async Task ProcessRedeliveredAsync(EventStreamEntry entry, long deliveries, CancellationToken cancellationToken)
    {
        var ignored = new List<(string Id, string Type)>(1);
        if (await PrepareAsync(entry, ignored, cancellationToken) is { } received)
        {
            // Each earlier delivery counts as an attempt: if they all died with their consumer, the entry itself may be the cause.
            await HandleWithRetriesAsync(received, (int)Math.Min(deliveries, int.MaxValue), failure: null, cancellationToken);
        }

        await AcknowledgeIgnoredAsync(ignored);
    }

    /// <summary>
    /// Decodes an entry; entries with nothing to handle are acknowledged or dead-lettered here and yield null, except
    /// those of types this group does not handle, which go to <paramref name="ignored"/> (see <see cref="AcknowledgeIgnoredAsync"/>).
    /// </summary>
    private async Task<ReceivedEvent?> PrepareAsync(EventStreamEntry entry, List<(string Id, string Type)> ignored, CancellationToken cancellationToken)
    {
        if (entry.IsDeleted)
        {
            // Its data was deleted before this group handled it: an event is lost, which someone must hear of. The dead
            // letter keeps the entry id, the group and the reason; the producer's outbox row (same time) has the rest.
            await DeadLetterAsync(entry, "(deleted)", 0, DeadLetterReasons.Deleted(), cancellationToken);
            return null;
        }

        if (!EventEnvelope.TryParse(entry, out var envelope, out var malformed))
        {
            await DeadLetterAsync(entry, "(malformed)", 0, DeadLetterReasons.Malformed(malformed!), cancellationToken);
            return null;
        }

        var handlers = setup.HandlersFor(envelope!.Type);
        if (handlers.Length == 0)
        {
            // The stream carries every event of its producer; this group subscribes to some of them.
            ignored.Add((entry.Id, envelope.Type));
            return null;
        }

        try
        {
            return new ReceivedEvent(entry, envelope, setup.Registry.Parse(envelope), handlers);
        }
        catch (InvalidProtocolBufferException ex)
        {
            await DeadLetterAsync(entry, envelope.Type, 0, DeadLetterReasons.Undecodable(ex), cancellationToken);
            return null;
        }
    }

    private async Task HandleBatchAsync(List<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            await HandleWithRetriesAsync(batch[0], attempt: 1, failure: null, cancellationToken);
            return;
        }

        bool[] handled;
        progress.Started(Stream, Group, batch[0].Entry.Id);
        try
        {
            handled = await WithinHandlerTimeoutAsync(ct => HandleTogetherAsync(batch, ct), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler's failure (a deadlock with another replica's batch included) sends every event of the batch
            // down the one-by-one path at once: replaying the same batch would take the same locks in the same order
            // and could meet the same replica again. Only the event whose handler failed has used an attempt, and
            // only if the failure was its own and not the infrastructure's.
            var failure = ex is BatchAbandonedException abandoned ? abandoned.InnerException! : ex;
            var failedAt = ex is BatchAbandonedException at ? at.Index : -1;
            MessagingLog.BatchRolledBack(logger, Stream, batch.Count, failure.Message);
            for (var i = 0; i < batch.Count; i++)
            {
                var failedHere = i == failedAt && !InfrastructureOutage.IsTransient(failure);
                await HandleWithRetriesAsync(batch[i], failedHere ? 2 : 1, failedHere ? failure : null, cancellationToken);
            }

            return;
        }

        progress.Finished(Stream, Group);
        await redis.StreamAcknowledgeAsync(Stream, Group, [.. batch.Select(received => (RedisValue)received.Entry.Id)]);
        for (var i = 0; i < batch.Count; i++)
        {
            Handled(batch[i], handled[i]);
        }
    }

    /// <summary>
    /// All events in one transaction, their inbox rows first in one statement (a duplicate gets none back). A handler's
    /// failure is wrapped so the execution strategy does not replay the batch (a deadlock is transient to it); a
    /// transient failure at COMMIT still replays it, from a fresh scope.
    /// </summary>
    private Task<bool[]> HandleTogetherAsync(List<ReceivedEvent> batch, CancellationToken cancellationToken) =>
        scopeFactory.InTransactionAsync(
            setup.ContextType,
            async (db, services, ct) =>
            {
                var recorded = await RecordAsync(db, [.. batch.Select(received => received.Envelope.Id)], ct);
                var handled = new bool[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    // Removed on first use: the same event twice in one batch is handled once.
                    if (!recorded.Remove(batch[i].Envelope.Id))
                    {
                        continue;
                    }

                    try
                    {
                        handled[i] = await HandleInTransactionAsync(db, services, batch[i], attempt: 1, inboxRecorded: true, ct);
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        throw new BatchAbandonedException(i, ex);
                    }

                    // The next event starts from a clean slate, as it would in a scope of its own.
                    db.ChangeTracker.Clear();
                }

                return handled;
            },
            cancellationToken);

    private Task<HashSet<Guid>> RecordAsync(DbContext db, Guid[] ids, CancellationToken cancellationToken) =>
        InboxStore.RecordAsync(db, Group, ids, timeProvider.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Runs the attempts for one event from <paramref name="attempt"/> on, after <paramref name="failure"/> if the
    /// previous attempt failed, and finishes it: acknowledged when handled or a duplicate, dead-lettered when out of attempts.
    /// </summary>
    private async Task HandleWithRetriesAsync(ReceivedEvent received, int attempt, Exception? failure, CancellationToken cancellationToken)
    {
        progress.Started(Stream, Group, received.Entry.Id);
        try
        {
            await HandleWithRetriesUntilDoneAsync(received, attempt, failure, cancellationToken);
        }
        finally
        {
            progress.Finished(Stream, Group);
        }
    }

    private async Task HandleWithRetriesUntilDoneAsync(ReceivedEvent received, int attempt, Exception? failure, CancellationToken cancellationToken)
    {
        var envelope = received.Envelope;
        var maxAttempts = setup.Options.MaxAttempts;
        var outages = 0;
        while (true)
        {
            if (failure is not null)
            {
                var failed = attempt - 1;
                if (failure is InvalidEventException)
                {
                    // The event is wrong, not the moment: another attempt would fail the same way.
                    MessagingLog.HandlerGaveUp(logger, failure, Stream, envelope.Type, envelope.Id, failed);
                    await DeadLetterAsync(received.Entry, envelope.Type, failed, DeadLetterReasons.Invalid(failure), cancellationToken);
                    return;
                }

                if (failed >= maxAttempts)
                {
                    MessagingLog.HandlerGaveUp(logger, failure, Stream, envelope.Type, envelope.Id, failed);
                    await DeadLetterAsync(received.Entry, envelope.Type, failed, DeadLetterReasons.OutOfAttempts(failed, failure), cancellationToken);
                    return;
                }

                var delay = backoff.DelayAfter(failed);
                MessagingLog.HandlerFailed(logger, failure, Stream, envelope.Type, envelope.Id, failed, maxAttempts, delay);
                progress.Troubled(Stream, Group, $"attempt {failed} of {maxAttempts} failed: {failure.Message}");
                metrics.Retried(Stream, Group, envelope.Type);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            else if (attempt > maxAttempts)
            {
                await DeadLetterAsync(received.Entry, envelope.Type, attempt - 1, DeadLetterReasons.Undelivered(attempt, maxAttempts), cancellationToken);
                return;
            }

            try
            {
                var handled = await HandleAloneAsync(received, attempt, cancellationToken);
                await AcknowledgeAsync(received.Entry.Id, envelope.Type, handled ? "processed" : "duplicate", cancellationToken);
                if (!handled)
                {
                    MessagingLog.DuplicateSkipped(logger, Stream, envelope.Type, envelope.Id, Group);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && InfrastructureOutage.IsTransient(ex))
            {
                // A transient error from a database that answers (a deadlock, a lock or statement timeout) is the
                // attempt's, and counts, so one entry cannot hold its stream forever.
                if (!await InfrastructureOutage.IsOutageAsync(ex, scopeFactory, setup.ContextType, cancellationToken))
                {
                    failure = ex;
                    attempt++;
                    continue;
                }

                // The database or Redis is unreachable: no handler can succeed now, and the event is not at fault.
                // Wait without spending an attempt, so an outage never dead-letters healthy events.
                outages++;
                var delay = outageBackoff.DelayAfter(outages);
                MessagingLog.HandlerOutage(logger, Stream, envelope.Type, envelope.Id, ex.Message, delay);
                progress.Troubled(Stream, Group, $"waiting out an outage: {ex.Message}");
                await Task.Delay(delay, timeProvider, cancellationToken);
                failure = null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex;
                attempt++;
            }
        }
    }

    /// <summary>
    /// One attempt in a transaction of its own (a fresh scope for each try of the execution strategy); false when the
    /// inbox shows the event was handled already.
    /// </summary>
    private Task<bool> HandleAloneAsync(ReceivedEvent received, int attempt, CancellationToken cancellationToken) =>
        WithinHandlerTimeoutAsync(
            timeout => scopeFactory.InTransactionAsync(
                setup.ContextType,
                (db, services, ct) => HandleInTransactionAsync(db, services, received, attempt, inboxRecorded: false, ct),
                timeout),
            cancellationToken);

    /// <summary>
    /// Runs one attempt for at most <see cref="EventConsumerOptions.HandlerTimeout"/>; past it the attempt is cancelled
    /// (Npgsql cancels the statement it waits on) and fails with a <see cref="TimeoutException"/>.
    /// </summary>
    private async Task<T> WithinHandlerTimeoutAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(setup.Options.HandlerTimeout);
        try
        {
            return await attempt(timeout.Token);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The attempt took longer than {setup.Options.HandlerTimeout} and was cancelled.", ex);
        }
    }

    /// <summary>
    /// Records the inbox row (unless <paramref name="inboxRecorded"/>: the batch did) and runs the handlers inside the
    /// open transaction; false for a duplicate.
    /// </summary>
    private async Task<bool> HandleInTransactionAsync(
        DbContext db, IServiceProvider services, ReceivedEvent received, int attempt, bool inboxRecorded, CancellationToken cancellationToken)
    {
        var envelope = received.Envelope;
        using var activity = MessagingActivities.StartProcess(Stream, Group, received.Entry.Id, envelope);
        try
        {
            // A concurrent attempt on the same event (another consumer that took it over) blocks here on the
            // primary key until the first commits, then finds the row: at most one attempt's effects survive.
            if (!inboxRecorded && (await RecordAsync(db, [envelope.Id], cancellationToken)).Count == 0)
            {
                return false;
            }

            var context = new EventContext(envelope.Id, envelope.Type, envelope.Source, envelope.OccurredAt, Stream, received.Entry.Id, attempt);
            foreach (var handler in received.Handlers)
            {
                await handler.Invoke(services, received.Message, context, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.AddException(ex);
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private void Handled(ReceivedEvent received, bool handled)
    {
        metrics.Consumed(Stream, Group, received.Envelope.Type, handled ? "processed" : "duplicate");
        if (!handled)
        {
            MessagingLog.DuplicateSkipped(logger, Stream, received.Envelope.Type, received.Envelope.Id, Group);
        }
    }

    /// <summary>
    /// Releases the entries of types this group does not handle, together: one round trip instead of one each. Should
    /// this process stop first, they are delivered again and ignored again.
    /// </summary>
    private async Task AcknowledgeIgnoredAsync(List<(string Id, string Type)> ignored)
    {
        if (ignored.Count == 0)
        {
            return;
        }

        await redis.StreamAcknowledgeAsync(Stream, Group, [.. ignored.Select(entry => (RedisValue)entry.Id)]);
        foreach (var (_, type) in ignored)
        {
            metrics.Consumed(Stream, Group, type, "ignored");
        }
    }

    private async Task AcknowledgeAsync(string entryId, string type, string outcome, CancellationToken cancellationToken)
    {
        await redis.StreamAcknowledgeAsync(Stream, Group, entryId);
        metrics.Consumed(Stream, Group, type, outcome);
    }

    private async Task DeadLetterAsync(EventStreamEntry entry, string type, int attempts, string error, CancellationToken cancellationToken)
    {
        progress.Troubled(Stream, Group, "dead-lettering it");
        await deadLetters.WriteAsync(Stream, Group, entry, attempts, error, cancellationToken);
        metrics.DeadLettered(Stream, Group, type);
        metrics.Consumed(Stream, Group, type, "dead_lettered");
        MessagingLog.DeadLettered(logger, Stream, entry.Id, type, StreamNames.DeadLetters(Stream), error);
    }
}
