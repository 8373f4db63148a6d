using Npgsql;

namespace Mart.AppHost.Servers;

/// <summary>Creates a database in its server the first time, as Aspire's AddDatabase does for its container.</summary>
internal static class PostgresDatabaseCreator
{
    /// <summary>True when the database was created now, false when it was there already.</summary>
    public static async Task<bool> EnsureCreatedAsync(string serverConnectionString, string databaseName, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created meanwhile by someone else: that is what was wanted.
            return false;
        }
    }
}
