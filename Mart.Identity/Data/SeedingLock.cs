using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Identity.Data;

/// <summary>
/// A PostgreSQL advisory lock that makes starting replicas seed clients, roles and the admin in turn, so one never
/// trips over rows the other is inserting.
/// </summary>
internal sealed class SeedingLock : IAsyncDisposable
{
    // "MartIdSd" in ASCII; advisory lock keys are per database.
    private const long Key = 0x4D61727449645364;

    private readonly NpgsqlConnection connection;

    private SeedingLock(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<SeedingLock> AcquireAsync(MartIdentityDbContext db, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        return new(connection);
    }

    // Unlocked explicitly: a pooled connection is not reset on close (No Reset On Close), so its session would keep the lock.
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
