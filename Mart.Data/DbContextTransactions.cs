using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mart.Data;

/// <summary>The one way Mart runs a unit of work in a transaction, under the context's execution strategy.</summary>
/// <remarks>
/// The strategy replays the whole work after a transient failure, so each attempt starts from a cleared change tracker
/// (a still-tracked entity would make the retry commit nothing); whatever else the work collects it creates inside.
/// </remarks>
public static class DbContextTransactions
{
    /// <summary>The transaction open on <paramref name="db"/>, for hand-written SQL in the unit of work.</summary>
    public static NpgsqlTransaction CurrentNpgsqlTransaction(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"This SQL runs inside the unit of work's transaction, and {db.GetType().Name} has none open.");
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, retried as a whole on transient failures.</summary>
    /// <remarks>What the work leaves unsaved is saved before COMMIT; work that needs values the database generates
    /// saves first.</remarks>
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
    /// For work that must not apply twice: after a transient failure (a lost COMMIT may have gone through),
    /// <paramref name="verifySucceeded"/> looks for the work's effect and, when it is there, gives the answer.
    /// </summary>
    /// <remarks>It should look for what only this work writes, such as a row whose id was chosen beforehand.</remarks>
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
    /// Runs <paramref name="work"/> in a transaction, each attempt in a fresh scope so that scoped services that keep
    /// state (a handler, a ledger) start over too.
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

        // A failure rolls back and replays the whole attempt, so EF's savepoint per SaveChanges buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
