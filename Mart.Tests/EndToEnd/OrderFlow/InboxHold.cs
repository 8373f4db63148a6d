using Npgsql;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// Holds an exclusive lock on a service's <c>inbox</c> table: its consumers record every event there before handling
/// it, so while the lock is held no event reaches the service's handlers (they wait, then go on). Reads and the
/// service's own API writes are not affected.
/// </summary>
public sealed class InboxHold : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private InboxHold(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<InboxHold> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE inbox IN EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new InboxHold(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
