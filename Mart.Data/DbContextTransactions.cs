using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mart.Data;

/// <summary>
/// The one way Mart runs a unit of work in a transaction: under the context's execution strategy, and every attempt
/// from a clean slate: begin, run the work, save what it left unsaved, commit.
/// </summary>
/// <remarks>
/// The retrying strategy replays the whole delegate after a transient failure, at a statement or at COMMIT. The
/// replay must not see anything of the attempt that was rolled back: an entity the failed attempt changed would
/// still be tracked with its new values, so the retry would find "nothing to do" and commit no effect at all. Hence
/// a cleared change tracker (or a fresh scope and context) for every attempt. Whatever else the work collects per
/// attempt (a list of events to publish, a counter) must be created inside the work, never captured from outside.
/// A failure that is not transient is thrown as it is, after rolling back; the caller decides what it means.
/// </remarks>
public static class DbContextTransactions
{
    /// <summary>
    /// The transaction <paramref name="db"/> has open (begun by <c>InTransactionAsync</c>), for SQL written by hand that
    /// must commit or roll back with the unit of work; its <c>Connection</c> is the context's. Throws when none is open.
    /// </summary>
    public static NpgsqlTransaction CurrentNpgsqlTransaction(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"This SQL runs inside the unit of work's transaction, and {db.GetType().Name} has none open.");
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction on <paramref name="db"/>, retried as a whole on transient
    /// failures, each attempt starting from an empty change tracker.
    /// </summary>
    /// <remarks>
    /// Changes the work leaves unsaved are saved before the commit; work that needs values the database generates
    /// (a row version) saves itself first. A work that only reads commits an empty transaction, which is harmless.
    /// </remarks>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (Db: db, Work: work),
            static (_, state, ct) => AttemptAsync(state.Db, state.Work, ct),
            verifySucceeded: null,
            cancellationToken);
    }

    /// <summary>
    /// As <see cref="InTransactionAsync{T}(DbContext, Func{CancellationToken, Task{T}}, CancellationToken)"/>, for work
    /// that must not apply twice: after a transient failure, <paramref name="verifySucceeded"/> asks the database whether
    /// the work's effect is there, and when it is, its result is the answer and the work does not run again.
    /// </summary>
    /// <remarks>
    /// A connection lost while COMMIT is answered leaves the outcome unknown: the commit may have gone through. The
    /// check runs after every transient failure, wherever it struck, from an empty change tracker. It looks for what
    /// only this work writes (a row with an id chosen before the transaction), or for a state in which running the work
    /// again would change nothing.
    /// </remarks>
    public static Task<T> InTransactionAsync<T>(
        this DbContext db,
        Func<CancellationToken, Task<T>> work,
        Func<CancellationToken, Task<ExecutionResult<T>>> verifySucceeded,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(verifySucceeded);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (Db: db, Work: work, Verify: verifySucceeded),
            static (_, state, ct) => AttemptAsync(state.Db, state.Work, ct),
            static (_, state, ct) =>
            {
                state.Db.ChangeTracker.Clear();
                return state.Verify(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc cref="InTransactionAsync{T}(DbContext, Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.InTransactionAsync(
            async ct =>
            {
                await work(ct);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction on a <typeparamref name="TContext"/> of a scope of its own,
    /// retried as a whole on transient failures, each attempt in a fresh scope: scoped services that keep state (a
    /// handler, a ledger) start over too.
    /// </summary>
    public static Task<T> InTransactionAsync<TContext, T>(
        this IServiceScopeFactory scopes,
        Func<TContext, IServiceProvider, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(work);
        return scopes.InTransactionAsync(typeof(TContext), (db, services, ct) => work((TContext)db, services, ct), cancellationToken);
    }

    /// <inheritdoc cref="InTransactionAsync{TContext, T}(IServiceScopeFactory, Func{TContext, IServiceProvider, CancellationToken, Task{T}}, CancellationToken)"/>
    /// <param name="scopes">Where each attempt's scope comes from.</param>
    /// <param name="contextType">The DbContext type registered in the container.</param>
    /// <param name="work">The unit of work.</param>
    /// <param name="cancellationToken">Stops waiting between attempts and the work itself.</param>
    public static async Task<T> InTransactionAsync<T>(
        this IServiceScopeFactory scopes,
        Type contextType,
        Func<DbContext, IServiceProvider, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(contextType);
        ArgumentNullException.ThrowIfNull(work);

        // The first attempt uses the scope the strategy came from; each retry gets a new one.
        var scope = scopes.CreateAsyncScope();
        try
        {
            var attempts = 0;
            var strategy = Resolve(scope, contextType).Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(
                async ct =>
                {
                    if (attempts++ > 0)
                    {
                        await scope.DisposeAsync();
                        scope = scopes.CreateAsyncScope();
                    }

                    var services = scope.ServiceProvider;
                    return await AttemptAsync(Resolve(scope, contextType), innerCt => work(Resolve(scope, contextType), services, innerCt), ct);
                },
                cancellationToken);
        }
        finally
        {
            await scope.DisposeAsync();
        }
    }

    private static DbContext Resolve(AsyncServiceScope scope, Type contextType) =>
        (DbContext)scope.ServiceProvider.GetRequiredService(contextType);

    private static async Task<T> AttemptAsync<T>(DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();

        // A failure anywhere rolls the whole attempt back and the strategy replays it, so the savepoint EF would
        // otherwise wrap around every SaveChanges in the transaction (two round trips each) buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
