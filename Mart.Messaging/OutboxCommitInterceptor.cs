using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mart.Messaging;

/// <summary>Signals the relay once outbox rows are committed: a signal before the commit would find nothing, and the
/// rows would wait for the next poll.</summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();

    // Contexts with outbox rows not yet committed; weak, so that disposed contexts vanish.
    private readonly ConditionalWeakTable<DbContext, object> awaitingCommit = [];

    // Contexts inside SaveChanges: its own transaction commits before it marks the rows it wrote as saved.
    private readonly ConditionalWeakTable<DbContext, object> saving = [];

    /// <summary>Notes that <paramref name="context"/> holds outbox rows: only such contexts signal the relay, and only
    /// their commits look through the change tracker for rows left unwritten.</summary>
    public void Enqueued(DbContext context) => awaitingCommit.AddOrUpdate(context, Marker);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        EnsureWritten(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        EnsureWritten(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => SignalCommitted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // An event enqueued but neither saved nor handed to a SQL batch would be lost by this commit: refuse it instead.
    private void EnsureWritten(DbContext? context)
    {
        if (context is not null && awaitingCommit.TryGetValue(context, out _) && !saving.TryGetValue(context, out _)
            && context.ChangeTracker.Entries<OutboxMessage>().Any(entry => entry.State == EntityState.Added))
        {
            throw new InvalidOperationException("Events were enqueued in this transaction but never written: call SaveChanges, or add them to the SQL batch with OutboxSql.AddEnqueued.");
        }
    }

    private void Saving(DbContext? context)
    {
        if (context is not null)
        {
            saving.AddOrUpdate(context, Marker);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null)
        {
            saving.Remove(context);
        }
    }

    private void SignalIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            SignalCommitted(context);
        }
    }

    private void SignalCommitted(DbContext? context)
    {
        if (context is not null && awaitingCommit.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            awaitingCommit.Remove(context);
        }
    }
}
