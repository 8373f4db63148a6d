using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.Data;

/// <summary>Applies schema scripts in order, each once, in its own transaction with its <c>schema_migrations</c>
/// row.</summary>
/// <remarks>A session advisory lock makes starting replicas take turns. Scripts must be valid inside a transaction (no
/// <c>CREATE INDEX CONCURRENTLY</c>).</remarks>
public sealed partial class SqlMigrator(string connectionString, ILogger<SqlMigrator> logger, TimeProvider timeProvider)
{
    /// <summary>Advisory lock key ("MartMigr" in ASCII); advisory locks are per database, so one key serves every
    /// service.</summary>
    public const long AdvisoryLockKey = 0x4D61_7274_4D69_6772;

    private const int MaxOpenAttempts = 10;
    private static readonly TimeSpan MaxOpenDelay = TimeSpan.FromSeconds(5);

    /// <summary>Applies the scripts not yet recorded, in list order; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<SqlMigration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        EnsureUniqueVersions(migrations);

        await using var connection = await OpenAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, SchemaMigrationsSql.CreateTable, cancellationToken);
            var done = await AppliedVersionsAsync(connection, cancellationToken);

            var applied = new List<string>();
            foreach (var migration in migrations.Where(migration => !done.Contains(migration.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                applied.Add(migration.Version);
            }

            LogUpToDate(logger, connection.Database, applied.Count, migrations.Count);
            return applied;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    // The AppHost may just have started the server: retry what looks transient, a few times, with backoff.
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (Exception ex) when (attempt < MaxOpenAttempts && ex is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                await connection.DisposeAsync();
                LogConnectRetry(logger, attempt, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxOpenDelay.Ticks));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync<bool>(connection, SchemaMigrationsSql.TryLock, cancellationToken))
        {
            return;
        }

        LogWaitingForLock(logger, connection.Database);
        await ScalarAsync<object>(connection, SchemaMigrationsSql.Lock, cancellationToken);
    }

    private async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ScalarAsync<bool>(connection, SchemaMigrationsSql.Unlock, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The session is gone, and a session's advisory locks go with it.
            LogUnlockFailed(logger, ex.Message);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, SqlMigration migration, CancellationToken cancellationToken)
    {
        LogApplying(logger, migration.Version, connection.Database);
        var started = timeProvider.GetTimestamp();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, migration.Script, cancellationToken);
        await using (var record = new NpgsqlCommand(SchemaMigrationsSql.Record, connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("applied_at", timeProvider.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogApplied(logger, migration.Version, timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task<HashSet<string>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SchemaMigrationsSql.SelectVersions, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        // No command timeout: a script may legitimately run long; shutdown cancels it through the token.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static void EnsureUniqueVersions(IReadOnlyList<SqlMigration> migrations)
    {
        var duplicate = migrations.GroupBy(migration => migration.Version, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migration version '{duplicate.Key}' appears more than once.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}), retrying in {DelayMs:0} ms: {Reason}")]
    private static partial void LogConnectRetry(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another instance to finish migrating {Database}")]
    private static partial void LogWaitingForLock(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Version} to {Database}")]
    private static partial void LogApplying(ILogger logger, string version, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} in {ElapsedMs:0} ms")]
    private static partial void LogApplied(ILogger logger, string version, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date: {Applied} migration(s) applied now, {Known} known")]
    private static partial void LogUpToDate(ILogger logger, string database, int applied, int known);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Releasing the migration lock failed: {Reason}")]
    private static partial void LogUnlockFailed(ILogger logger, string reason);
}
