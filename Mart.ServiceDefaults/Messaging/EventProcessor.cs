using Google.Protobuf;
using Mart.ServiceDefaults.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>
/// Handles one stream entry for one consumer group: decodes it, runs its handlers with the inbox row in one
/// transaction, retries with backoff, dead-letters after the last attempt, and acknowledges.
/// </summary>
internal sealed class EventProcessor(
    ConsumerSetup setup,
    IServiceScopeFactory scopeFactory,
    IRedisCommands redis,
    DeadLetterWriter deadLetters,
    MessagingMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly RetryBackoff backoff = new(setup.Options.RetryBaseDelay, setup.Options.RetryMaxDelay);
    private readonly RetryBackoff outageBackoff = new(setup.Options.ReconnectMinDelay, setup.Options.ReconnectMaxDelay);

    private string Stream => setup.Stream;

    private string Group => setup.Group;

    /// <summary>Processes <paramref name="entry"/>, which has now been delivered <paramref name="deliveries"/> times.</summary>
    /// <remarks>
    /// Returns once the entry is acknowledged (handled, duplicate, ignored or dead-lettered). Throws only when
    /// stopping or when Redis fails; the entry then stays pending and is seen again.
    /// </remarks>
    public async Task ProcessAsync(StreamEntry entry, long deliveries, CancellationToken cancellationToken)
    {
        if (entry.IsDeleted)
        {
            // Trimmed before anyone handled it: nothing left to handle, only the pending slot to release.
            MessagingLog.DeletedEntrySkipped(logger, Stream, entry.Id);
            await AcknowledgeAsync(entry, "(deleted)", "deleted", cancellationToken);
            return;
        }

        if (!EventEnvelope.TryParse(entry, out var envelope, out var malformed))
        {
            await DeadLetterAsync(entry, "(malformed)", 0, $"Malformed entry: {malformed}.", cancellationToken);
            return;
        }

        var handlers = setup.HandlersFor(envelope!.Type);
        if (handlers.Length == 0)
        {
            // The stream carries every event of its producer; this group subscribes to some of them.
            await AcknowledgeAsync(entry, envelope.Type, "ignored", cancellationToken);
            return;
        }

        IMessage message;
        try
        {
            message = setup.Registry.Parse(envelope);
        }
        catch (InvalidProtocolBufferException ex)
        {
            await DeadLetterAsync(entry, envelope.Type, 0, $"Undecodable data: {ex.Message}", cancellationToken);
            return;
        }

        using var activity = MessagingActivities.StartProcess(Stream, Group, entry.Id, envelope);
        var maxAttempts = setup.Options.MaxAttempts;
        var attempt = (int)Math.Min(deliveries, int.MaxValue);
        if (attempt > maxAttempts)
        {
            // Earlier deliveries never finished (the consumer died each time): the entry itself may be what kills it.
            await DeadLetterAsync(entry, envelope.Type, attempt - 1, $"Delivered {attempt} times without being handled; the limit is {maxAttempts}.", cancellationToken);
            return;
        }

        var outages = 0;
        while (true)
        {
            var context = new EventContext(envelope.Id, envelope.Type, envelope.Source, envelope.OccurredAt, Stream, entry.Id, attempt);
            try
            {
                var handled = await HandleOnceAsync(envelope, message, context, handlers, cancellationToken);
                await AcknowledgeAsync(entry, envelope.Type, handled ? "processed" : "duplicate", cancellationToken);
                if (!handled)
                {
                    MessagingLog.DuplicateSkipped(logger, Stream, envelope.Type, envelope.Id, Group);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && InfrastructureOutage.IsTransient(ex))
            {
                // The database or Redis is unreachable: no handler can succeed now, and the entry is not at fault.
                // Wait without spending an attempt, so an outage never dead-letters healthy events.
                outages++;
                var delay = outageBackoff.DelayAfter(outages);
                MessagingLog.HandlerOutage(logger, Stream, envelope.Type, envelope.Id, ex.Message, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                activity?.AddException(ex);
                if (attempt >= maxAttempts)
                {
                    MessagingLog.HandlerGaveUp(logger, ex, Stream, envelope.Type, envelope.Id, attempt);
                    await DeadLetterAsync(entry, envelope.Type, attempt, $"{ex.GetType().FullName}: {ex.Message}", cancellationToken);
                    return;
                }

                var delay = backoff.DelayAfter(attempt);
                MessagingLog.HandlerFailed(logger, ex, Stream, envelope.Type, envelope.Id, attempt, maxAttempts, delay);
                metrics.Retried(Stream, Group, envelope.Type);
                await Task.Delay(delay, timeProvider, cancellationToken);
                attempt++;
            }
        }
    }

    /// <summary>One attempt in a fresh scope; <see langword="false"/> when the inbox shows the event was already handled.</summary>
    private async Task<bool> HandleOnceAsync(EventEnvelope envelope, IMessage message, EventContext context, EventHandlerRegistration[] handlers, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(setup.ContextType);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (Db: db, Services: scope.ServiceProvider),
            async (_, state, ct) =>
            {
                await using var transaction = await state.Db.Database.BeginTransactionAsync(ct);
                var processedAt = timeProvider.GetUtcNow();

                // A concurrent attempt on the same event (another consumer that reclaimed it) blocks here on the
                // primary key until the first commits, then finds the row: at most one attempt's effects survive.
                var inserted = await state.Db.Database.ExecuteSqlAsync(
                    $"INSERT INTO inbox (message_id, consumer_group, processed_at) VALUES ({envelope.Id}, {Group}, {processedAt}) ON CONFLICT DO NOTHING",
                    ct);
                if (inserted == 0)
                {
                    return false;
                }

                foreach (var handler in handlers)
                {
                    await handler.Invoke(state.Services, message, context, ct);
                }

                await state.Db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private async Task AcknowledgeAsync(StreamEntry entry, string type, string outcome, CancellationToken cancellationToken)
    {
        await redis.StreamAcknowledgeAsync(Stream, Group, entry.Id, cancellationToken);
        metrics.Consumed(Stream, Group, type, outcome);
    }

    private async Task DeadLetterAsync(StreamEntry entry, string type, int attempts, string error, CancellationToken cancellationToken)
    {
        await deadLetters.WriteAsync(Stream, Group, entry, attempts, error, cancellationToken);
        metrics.DeadLettered(Stream, Group, type);
        metrics.Consumed(Stream, Group, type, "dead_lettered");
        MessagingLog.DeadLettered(logger, Stream, entry.Id, type, StreamNames.DeadLetters(Stream), error);
    }
}
