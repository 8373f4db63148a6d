using Google.Protobuf;
using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>
/// Handles one consumer group's entries: inbox row and handlers in one transaction, retries, dead letters.
/// </summary>
/// <remarks>
/// New entries share a transaction (one commit for the lot); if one fails, the lot is rolled back and handled one by
/// one, so a failure costs no other entry its effects.
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

    /// <summary>Processes first deliveries in order; throws only when stopping or when Redis fails.</summary>
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

    /// <summary>Processes an entry delivered before (a restart or a take-over).</summary>
    public async Task ProcessRedeliveredAsync(EventStreamEntry entry, long deliveries, CancellationToken cancellationToken)
    {
        var ignored = new List<(string Id, string Type)>(1);
        if (await PrepareAsync(entry, ignored, cancellationToken) is { } received)
        {
            // Earlier deliveries count as attempts: if each died with its consumer, the entry itself may be the cause.
            await HandleWithRetriesAsync(received, (int)Math.Min(deliveries, int.MaxValue), failure: null, cancellationToken);
        }

        await AcknowledgeIgnoredAsync(ignored);
    }

    /// <summary>
    /// Decodes an entry, or finishes it here and yields null; types this group does not handle go to
    /// <paramref name="ignored"/>.
    /// </summary>
    private async Task<ReceivedEvent?> PrepareAsync(EventStreamEntry entry, List<(string Id, string Type)> ignored, CancellationToken cancellationToken)
    {
        if (entry.IsDeleted)
        {
            // Its data was deleted before this group handled it: an event is lost, which someone must hear of.
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
            // Every event goes the one-by-one path: replaying the batch would take the same locks in the same
            // order and could deadlock again. Only the failing event has used an attempt, if the fault was its own.
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

    /// <summary>All events in one transaction, their inbox rows first in one statement.</summary>
    /// <remarks>A handler's failure is wrapped so the execution strategy (to which a deadlock is transient) does not
    /// replay the batch.</remarks>
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

    /// <summary>Runs the attempts from <paramref name="attempt"/> on, then acknowledges or dead-letters.</summary>
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
                // A database that answers (a deadlock, a lock or statement timeout) fails the attempt, and it
                // counts, so one entry cannot hold its stream forever.
                if (!await InfrastructureOutage.IsOutageAsync(ex, scopeFactory, setup.ContextType, cancellationToken))
                {
                    failure = ex;
                    attempt++;
                    continue;
                }

                // The database or Redis is unreachable and the event is not at fault: wait without spending an attempt.
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

    /// <summary>One attempt in a transaction of its own; false when the inbox shows it handled already.</summary>
    private Task<bool> HandleAloneAsync(ReceivedEvent received, int attempt, CancellationToken cancellationToken) =>
        WithinHandlerTimeoutAsync(
            timeout => scopeFactory.InTransactionAsync(
                setup.ContextType,
                (db, services, ct) => HandleInTransactionAsync(db, services, received, attempt, inboxRecorded: false, ct),
                timeout),
            cancellationToken);

    /// <summary>Cancels an attempt past <see cref="EventConsumerOptions.HandlerTimeout"/>.</summary>
    /// <remarks>Npgsql cancels the statement the attempt waits on.</remarks>
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

    /// <summary>Records the inbox row unless the batch did, then runs the handlers; false for a duplicate.</summary>
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
    /// Acknowledges ignored entries in one round trip; after a crash they come back and are ignored again.
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
