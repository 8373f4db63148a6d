using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>
/// Holds a connection that LISTENs on <c>mart_outbox</c> (see the outbox trigger) and turns each notification
/// into an <see cref="OutboxSignal"/>, so a commit on any replica wakes this replica's relay.
/// </summary>
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
                connection.Notification += (_, _) => signal.Notify();
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
