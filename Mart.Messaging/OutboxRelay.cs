using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>Publishes committed outbox rows to the service's stream in id order, marking them sent in a transaction
/// that commits once the stream has them.</summary>
/// <remarks>Woken by this process's commits, by other replicas' NOTIFY, or by a poll; backs off while Redis or the
/// database is down.</remarks>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IConnectionMultiplexer redis,
    OutboxSignal signal,
    MessagingMetrics metrics,
    MessagingProgress progress,
    IOptions<MessagingOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly MessagingOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var relay = settings.Relay;
        var stream = settings.ResolvedStream;
        var backoff = new RetryBackoff(relay.RetryMinDelay, relay.RetryMaxDelay);
        var listener = relay.ListenForNotifications
            ? new OutboxNotificationListener(signal, backoff, timeProvider, logger).RunAsync(OpenListenConnection, stoppingToken)
            : Task.CompletedTask;

        var failures = 0;
        var failingSince = DateTimeOffset.MinValue;
        var nextBacklogSample = DateTimeOffset.MinValue;
        var nextCleanup = DateTimeOffset.MinValue;
        var nextTrim = DateTimeOffset.MinValue;
        MessagingLog.RelayStarted(logger, stream, relay.PollInterval);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stream, stoppingToken);
                if (failures > 0)
                {
                    MessagingLog.RelayResumed(logger, stream, failures, timeProvider.GetUtcNow() - failingSince);
                    progress.RelayPublished(stream);
                    failures = 0;
                }

                var now = timeProvider.GetUtcNow();
                if (now >= nextBacklogSample)
                {
                    metrics.SetBacklog(stream, await WithConnectionAsync(OutboxStore.CountUnsentAsync, stoppingToken));
                    nextBacklogSample = now + relay.BacklogSampleInterval;
                }

                if (now >= nextCleanup)
                {
                    var cutoff = now - relay.SentRetention;
                    var deleted = await WithConnectionAsync((connection, ct) => OutboxStore.DeleteSentBeforeAsync(connection, cutoff, ct), stoppingToken);
                    MessagingLog.OutboxCleaned(logger, stream, deleted, cutoff);
                    nextCleanup = now + relay.CleanupInterval;
                }

                if (relay.StreamMaxLength is { } keep && now >= nextTrim)
                {
                    if (await StreamTrimmer.TrimAsync(redis.GetDatabase(), stream, keep) is { } below)
                    {
                        MessagingLog.StreamTrimmed(logger, stream, below, keep);
                    }

                    nextTrim = now + relay.TrimInterval;
                }

                // A full batch means more rows are probably waiting: go again without sleeping.
                if (published < relay.BatchSize)
                {
                    await signal.WaitAsync(relay.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                progress.RelayFailed(stream, ex.Message);
                var delay = backoff.DelayAfter(failures);
                if (failures == 1)
                {
                    failingSince = timeProvider.GetUtcNow();
                    MessagingLog.RelayPaused(logger, ex, stream, ex.GetType().Name, ex.Message, delay);
                }
                else
                {
                    MessagingLog.RelayStillFailing(logger, stream, failures, ex.Message, delay);
                }

                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await listener;
    }

    /// <summary>Claims, publishes and marks one batch; returns how many rows it published.</summary>
    private async Task<int> PublishBatchAsync(string stream, CancellationToken cancellationToken)
    {
        var published = await scopeFactory.InTransactionAsync<TContext, int>(
            (db, _, ct) => PublishBatchAsync(stream, db, ct),
            cancellationToken);
        if (published > 0)
        {
            metrics.Published(stream, published);
            MessagingLog.BatchPublished(logger, stream, published);
        }

        return published;
    }

    /// <summary>One attempt inside the open transaction; the caller commits.</summary>
    private async Task<int> PublishBatchAsync(string stream, TContext db, CancellationToken cancellationToken)
    {
        // Empty when another replica holds the relay lock; the mark stands only if the commit after the XADDs happens.
        var batch = await OutboxStore.ClaimAsync(db.CurrentNpgsqlTransaction(), settings.Relay.BatchSize, timeProvider.GetUtcNow(), cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        using (MessagingActivities.StartSend(stream, batch))
        {
            // One pipeline in id order (one connection writes in the order given). A failed XADD retries the batch from
            // its first row: entries may repeat (consumers deduplicate) but never reorder.
            var database = redis.GetDatabase();
            var added = new Task[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var row = batch[i];
                var envelope = new EventEnvelope(row.Id, row.Type, row.Data, row.TraceParent, settings.ServiceName, row.OccurredAt.ToUnixTimeMilliseconds());
                added[i] = database.StreamAddAsync(stream, envelope.ToFields());
            }

            await Task.WhenAll(added).WaitAsync(cancellationToken);
        }

        return batch.Count;
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await action((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // A clone keeps the DbContext's full connection settings (password included), whatever way they were configured.
    private NpgsqlConnection OpenListenConnection()
    {
        using var scope = scopeFactory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return (NpgsqlConnection)((ICloneable)db.Database.GetDbConnection()).Clone();
    }
}
