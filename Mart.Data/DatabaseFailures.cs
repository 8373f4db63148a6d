using Npgsql;

namespace Mart.Data;

/// <summary>The one rule for "the database is out, not the statement wrong", shared by the API's answers and the
/// consumers.</summary>
public static class DatabaseFailures
{
    /// <summary>True when <paramref name="exception"/> or one it wraps is transient to Npgsql, or an Npgsql failure
    /// without a server error.</summary>
    /// <remarks>A connection broken mid-handshake by a dying server reads as a protocol error Npgsql does not flag
    /// transient.</remarks>
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
