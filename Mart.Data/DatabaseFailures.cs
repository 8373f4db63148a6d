using Npgsql;

namespace Mart.Data;

/// <summary>The one rule for "the database is out, not the statement wrong", shared by the API's answers and the consumers.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps (EF wraps them once its retries are spent) is a failure
    /// Npgsql calls transient (refused or lost connection, shutdown, timeout, deadlock), or any Npgsql failure the
    /// server did not answer with an error of its own: a connection broken mid-handshake by a dying server reads as
    /// a protocol error that Npgsql does not flag transient.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or NpgsqlException and not PostgresException)
            {
                return true;
            }
        }

        return false;
    }
}
