using Npgsql;

namespace Mart.Hosting.Orchestration;

/// <summary>Creates a model's database in its server the first time, as Aspire's AddDatabase does.</summary>
internal static class PostgresDatabaseCreator
{
    public static async Task EnsureCreatedAsync(PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(database.Parent.ConnectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database.DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created meanwhile by someone else: that is what we wanted.
        }
    }
}
