using Npgsql;

namespace Mart.Data;

/// <summary>
/// Holds a connection of its own that LISTENs on one channel, hands each notification to a callback and reconnects
/// after a failure. PostgreSQL delivers a notification only when its transaction commits.
/// </summary>
public sealed class PostgresNotifications(string channel, TimeProvider timeProvider)
{
    // A silent connection may be dead without knowing it; a round trip after this long finds out.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> is cancelled. <paramref name="listening"/> runs once LISTEN
    /// holds, after every (re)connect: what was committed while nobody listened sent notifications nobody heard.
    /// <paramref name="failed"/> is told the failure and how many came in a row, and answers how long to wait before
    /// connecting again.
    /// </summary>
    public async Task RunAsync(
        Func<NpgsqlConnection> createConnection,
        Action<NpgsqlNotificationEventArgs> notified,
        Action listening,
        Func<Exception, int, TimeSpan> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createConnection);
        ArgumentNullException.ThrowIfNull(notified);
        ArgumentNullException.ThrowIfNull(listening);
        ArgumentNullException.ThrowIfNull(failed);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = createConnection();
                connection.Notification += (_, notification) => notified(notification);
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                failures = 0;
                listening();
                while (true)
                {
                    if (!await connection.WaitAsync(KeepAlive, cancellationToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                try
                {
                    await Task.Delay(failed(ex, failures), timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
