using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.Messaging;

/// <summary>
/// Holds a connection that LISTENs on <c>mart_outbox</c> (see the outbox trigger) and turns each notification
/// into an <see cref="OutboxSignal"/>, so a commit on any replica wakes this replica's relay.
/// </summary>
/// <remarks>
/// A notification carries the committing session's <c>application_name</c>. Commits made through this process's
/// own connections (the same application name) already woke the relay in-process, so they are not signalled twice:
/// each would cost the relay a scan that finds nothing.
/// </remarks>
internal sealed class OutboxNotificationListener(OutboxSignal signal, RetryBackoff backoff, TimeProvider timeProvider, ILogger logger)
{
    private const string Channel = "mart_outbox";

    // A silent connection may be dead without knowing it; a round trip after this long finds out.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public async Task RunAsync(Func<NpgsqlConnection> createConnection, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = createConnection();
                var own = new NpgsqlConnectionStringBuilder(connection.ConnectionString).ApplicationName;
                connection.Notification += (_, notification) =>
                {
                    if (string.IsNullOrEmpty(own) || notification.Payload != own)
                    {
                        signal.Notify();
                    }
                };
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                failures = 0;

                // Rows committed while nobody was listening produced notifications nobody saw.
                signal.Notify();
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
                var delay = backoff.DelayAfter(failures);
                MessagingLog.ListenFailed(logger, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
