using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mart.Data;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>Tells failures of the infrastructure (connection lost, server starting) from failures of a handler.</summary>
internal static class InfrastructureOutage
{
    /// <summary>How long the database gets to answer the probe of <see cref="IsOutageAsync"/>.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// True when <paramref name="exception"/> or one of its causes is of a kind that may pass by itself: the database
    /// or Redis unreachable, or a transient database error (deadlock, lock not available). EF wraps such errors (e.g.
    /// in RetryLimitExceededException), hence the walk down the inner exceptions. Errors about the statement itself
    /// are the handler's, a missing table or column included: the migrations run before any consumer starts, so such
    /// an error is a bug that no amount of waiting fixes.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        if (DatabaseFailures.IsTransient(exception))
        {
            return true;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException or RedisTimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For a transient <paramref name="exception"/>: true when the infrastructure is out (Redis unreachable, or the
    /// database does not answer a connection within a few seconds), which is waited out; false when the database
    /// answers, so the error belongs to the attempt (a deadlock, a lock or statement timeout) and spends it.
    /// </summary>
    public static async Task<bool> IsOutageAsync(Exception exception, IServiceScopeFactory scopes, Type contextType, CancellationToken cancellationToken)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException or RedisTimeoutException)
            {
                return true;
            }
        }

        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            return !await db.Database.CanConnectAsync(probe.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }
}
