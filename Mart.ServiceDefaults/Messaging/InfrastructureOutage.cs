using Npgsql;
using StackExchange.Redis;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>Tells failures of the infrastructure (connection lost, server starting) from failures of a handler.</summary>
internal static class InfrastructureOutage
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its causes says the database or Redis could not be reached.
    /// EF wraps such errors (e.g. in RetryLimitExceededException), hence the walk down the inner exceptions.
    /// Errors about the statement itself are the handler's, a missing table or column included: the migrations run
    /// before any consumer starts, so such an error is a bug that no amount of waiting fixes, and the event must
    /// use up its attempts and reach the dead letters instead of holding its stream forever.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException { IsTransient: true }:
                case RedisConnectionException:
                case RedisTimeoutException:
                    return true;
            }
        }

        return false;
    }
}
