using Npgsql;
using StackExchange.Redis;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>Tells failures of the infrastructure (connection lost, server starting) from failures of a handler.</summary>
internal static class InfrastructureOutage
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its causes says the database or Redis could not be reached.
    /// EF wraps such errors (e.g. in RetryLimitExceededException), hence the walk down the inner exceptions.
    /// A missing table counts too: it means the schema is not migrated yet (a migrator still running, or registered
    /// after messaging), which no retry of the handler fixes but time does. Other errors about the statement itself
    /// (constraint violations, bad SQL) are the handler's.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: PostgresErrorCodes.UndefinedTable }:
                case RedisConnectionException:
                case RedisTimeoutException:
                    return true;
            }
        }

        return false;
    }
}
