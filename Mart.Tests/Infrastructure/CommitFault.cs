using System.Globalization;
using Npgsql;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// Makes the next transaction that writes a matching row fail AT COMMIT with a serialization failure (SQLSTATE
/// 40001), once: a deferred constraint trigger runs when the transaction commits, after all of its statements ran,
/// and raises the error the first time only. "First time" is a sequence, which a rollback does not undo. Every
/// later commit of a matching row goes through, so a correct retry succeeds on its second try.
/// </summary>
public sealed class CommitFault : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _name;

    private CommitFault(string connectionString, string name)
    {
        _connectionString = connectionString;
        _name = name;
    }

    /// <summary>
    /// Arms a fault on <paramref name="table"/> for rows written by <paramref name="events"/> ("INSERT", "UPDATE",
    /// "INSERT OR UPDATE") that satisfy <paramref name="when"/> (a trigger condition over NEW and, for updates, OLD).
    /// </summary>
    public static async Task<CommitFault> ArmAsync(string connectionString, string table, string events, string when)
    {
        var name = "mart_commit_fault_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE SEQUENCE {name};
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{name}') = 1 THEN
                    RAISE EXCEPTION 'forced serialization failure at commit ({name})' USING ERRCODE = '40001';
                END IF;
                RETURN NULL;
            END;
            $$;
            CREATE CONSTRAINT TRIGGER {name} AFTER {events} ON {table}
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN ({when})
                EXECUTE FUNCTION {name}();
            """,
            connection);
        await command.ExecuteNonQueryAsync();
        return new CommitFault(connectionString, name);
    }

    /// <summary>How many commits the trigger has seen: 0 untouched, 1 failed once, 2 failed once then went through.</summary>
    public async Task<long> CommitsSeenAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {_name}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var table = await TableOfAsync(connection);
        var drop = table is null ? "" : $"DROP TRIGGER IF EXISTS {_name} ON {table};";
        await using var command = new NpgsqlCommand($"{drop} DROP FUNCTION IF EXISTS {_name}(); DROP SEQUENCE IF EXISTS {_name};", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> TableOfAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = $1", connection);
        command.Parameters.AddWithValue(_name);
        return await command.ExecuteScalarAsync() as string;
    }
}
