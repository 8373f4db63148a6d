using Mart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Mart.Messaging;

/// <summary>Tells failures of the infrastructure (connection lost, server starting) from failures of a handler.</summary>
internal static class InfrastructureOutage
{
    /// <summary>How long the database gets to answer the probe of <see cref="IsOutageAsync"/>.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>True when <paramref name="exception"/> or a cause may pass by itself: the database or Redis
    /// unreachable, or a transient database error.</summary>
    /// <remarks>Errors about the statement (a missing table included) are the handler's: migrations run before
    /// consumers start, so waiting fixes nothing.</remarks>
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

    /// <summary>True when the infrastructure is out (waited out); false when the database answers, so the error spends
    /// the attempt.</summary>
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
