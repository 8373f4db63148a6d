using Npgsql;

namespace Mart.Tests.Infrastructure;

/// <summary>
/// Makes every write of a matching row fail, with an error that is not transient, until disposed: a trigger raises
/// before the row is written. A consumer whose handler writes such a row fails each attempt and dead-letters the event.
/// </summary>
public sealed class WriteRefusal : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _name;
    private readonly string _table;

    private WriteRefusal(string connectionString, string name, string table)
    {
        _connectionString = connectionString;
        _name = name;
        _table = table;
    }

    /// <summary>
    /// Refuses rows of <paramref name="table"/> written by <paramref name="events"/> ("INSERT", "UPDATE", "INSERT OR
    /// UPDATE") that satisfy <paramref name="when"/> (a trigger condition over NEW and, for updates, OLD).
    /// </summary>
    public static async Task<WriteRefusal> ArmAsync(string connectionString, string table, string events, string when)
    {
        var name = "mart_write_refusal_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'write refused by the test ({name})';
            END;
            $$;
            CREATE TRIGGER {name} BEFORE {events} ON {table}
                FOR EACH ROW WHEN ({when})
                EXECUTE FUNCTION {name}();
            """,
            connection);
        await command.ExecuteNonQueryAsync();
        return new WriteRefusal(connectionString, name, table);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP TRIGGER IF EXISTS {_name} ON {_table}; DROP FUNCTION IF EXISTS {_name}();", connection);
        await command.ExecuteNonQueryAsync();
    }
}
