using Mart.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mart.Messaging;

/// <summary>
/// LISTENs on <c>mart_outbox</c> (see the outbox trigger) and turns each notification into an <see cref="OutboxSignal"/>,
/// so a commit on any replica wakes this replica's relay.
/// </summary>
/// <remarks>
/// A notification carries the committing session's <c>application_name</c>. Commits made through this process's own
/// connections already woke the relay in-process, so they are not signalled twice: each would cost a scan that finds nothing.
/// </remarks>
internal sealed class OutboxNotificationListener(OutboxSignal signal, RetryBackoff backoff, TimeProvider timeProvider, ILogger logger)
{
    private readonly PostgresNotifications notifications = new("mart_outbox", timeProvider);

    public Task RunAsync(Func<NpgsqlConnection> createConnection, CancellationToken cancellationToken)
    {
        string? own = null;
        return notifications.RunAsync(
            () =>
            {
                var connection = createConnection();
                own = new NpgsqlConnectionStringBuilder(connection.ConnectionString).ApplicationName;
                return connection;
            },
            notification =>
            {
                if (string.IsNullOrEmpty(own) || notification.Payload != own)
                {
                    signal.Notify();
                }
            },
            signal.Notify,
            (exception, failures) =>
            {
                var delay = backoff.DelayAfter(failures);
                MessagingLog.ListenFailed(logger, exception.Message, delay);
                return delay;
            },
            cancellationToken);
    }
}
