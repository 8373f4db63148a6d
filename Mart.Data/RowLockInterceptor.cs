using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mart.Data;

/// <summary>Ends the SQL of queries marked with <see cref="RowLocks.ForUpdate{T}"/> with <c>FOR UPDATE</c>.</summary>
internal sealed class RowLockInterceptor : DbCommandInterceptor
{
    public static readonly RowLockInterceptor Instance = new();

    // EF writes each tag as a "-- " comment line before the statement.
    private const string TagComment = "-- " + RowLocks.Tag;

    private RowLockInterceptor()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        // Tags come first, one comment line each; the statement starts after the last of them.
        var sql = command.CommandText;
        var line = 0;
        while (sql.AsSpan(line).StartsWith("-- ", StringComparison.Ordinal))
        {
            var rest = sql.AsSpan(line);
            if (rest.StartsWith(TagComment, StringComparison.Ordinal) && rest.Length > TagComment.Length && rest[TagComment.Length] is '\r' or '\n')
            {
                command.CommandText = sql + "\nFOR UPDATE";
                return;
            }

            var end = sql.IndexOf('\n', line);
            if (end < 0)
            {
                return;
            }

            line = end + 1;
        }
    }
}
