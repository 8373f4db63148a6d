using Mart.Data;
using Npgsql;

namespace Mart.Payments.Charging;

/// <summary>
/// LISTENs on <c>mart_payments_due</c>, which the payments table's trigger notifies when a charge or refund becomes
/// due, and wakes a worker for each notification. Meanwhile a failed connection is retried, the workers' polling keeps
/// things moving, only slower.
/// </summary>
public sealed partial class PaymentsDueListener(PaymentsDueSignal signal, TimeProvider timeProvider, ILogger<PaymentsDueListener> logger)
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly PostgresNotifications notifications = new("mart_payments_due", timeProvider);

    public Task RunAsync(string connectionString, CancellationToken cancellationToken) =>
        notifications.RunAsync(
            () => new NpgsqlConnection(connectionString),
            _ => signal.Notify(),
            signal.Notify,
            (exception, _) =>
            {
                LogListenFailed(logger, exception.Message, ReconnectDelay);
                return ReconnectDelay;
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for due payments failed ({Failure}); retrying in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, string failure, TimeSpan delay);
}
