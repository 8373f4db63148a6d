using Npgsql;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// Makes the next transaction that writes a matching row COMMIT for real and lose the answer, once: the client's
/// connection is cut after the commit is on disk and before it is told so, as when the network fails at that moment.
/// </summary>
/// <remarks>
/// PostgreSQL's own synchronous replication does it. A synchronous standby is named that never connects, so a commit
/// that asks for it waits after committing locally; the test servers' default <c>synchronous_commit=local</c> asks for
/// none, and only the matching transaction raises it, from a deferred constraint trigger that runs at COMMIT. A watcher
/// ends the backend that waits (<c>pg_terminate_backend</c>): PostgreSQL keeps the local commit and closes the
/// connection without an answer. "First time" is a sequence, so the retry or check after it commits as usual.
/// </remarks>
public sealed class LostCommitAnswer : IAsyncDisposable
{
    private const string Standby = "mart_lost_commit_answer";

    private readonly string _connectionString;
    private readonly string _name;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watcher;
    private int _lost;

    private LostCommitAnswer(string connectionString, string name)
    {
        _connectionString = connectionString;
        _name = name;
        _watcher = Task.Run(() => WatchAsync(_stop.Token));
    }

    /// <summary>How many commits went through without their answer.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>
    /// Arms the loss on <paramref name="table"/> for rows written by <paramref name="events"/> ("INSERT", "UPDATE")
    /// that satisfy <paramref name="when"/> (a trigger condition over NEW and, for updates, OLD).
    /// </summary>
    public static async Task<LostCommitAnswer> ArmAsync(string connectionString, string table, string events, string when)
    {
        var name = "mart_lost_answer_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var mode = (string)(await ScalarAsync(connection, "SHOW synchronous_commit"))!;
        if (mode is not ("off" or "local"))
        {
            throw new InvalidOperationException($"synchronous_commit is '{mode}': every commit of this server would wait for the missing standby.");
        }

        await ExecuteAsync(connection, $"""
            CREATE SEQUENCE {name};
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{name}') = 1 THEN
                    PERFORM set_config('synchronous_commit', 'on', true);
                END IF;
                RETURN NULL;
            END;
            $$;
            CREATE CONSTRAINT TRIGGER {name} AFTER {events} ON {table}
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN ({when})
                EXECUTE FUNCTION {name}();
            """);

        // ALTER SYSTEM runs alone, outside any transaction block.
        await ExecuteAsync(connection, $"ALTER SYSTEM SET synchronous_standby_names = '{Standby}'");
        await ExecuteAsync(connection, "SELECT pg_reload_conf()");

        // The checkpointer takes the new setting on its own time; give it a moment before the test commits.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        return new LostCommitAnswer(connectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "ALTER SYSTEM RESET synchronous_standby_names");
        await ExecuteAsync(connection, "SELECT pg_reload_conf()");
        await _stop.CancelAsync();
        await _watcher;
        _stop.Dispose();

        var table = (string?)await ScalarAsync(connection, $"SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = '{_name}'");
        var drop = table is null ? "" : $"DROP TRIGGER IF EXISTS {_name} ON {table};";
        await ExecuteAsync(connection, $"{drop} DROP FUNCTION IF EXISTS {_name}(); DROP SEQUENCE IF EXISTS {_name};");
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE wait_event = 'SyncRep'",
            connection);
        while (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Add(ref _lost, (int)(long)(await command.ExecuteScalarAsync(CancellationToken.None))!);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
