using Npgsql;

namespace Mart.Payments.Charging;

/// <summary>
/// LISTENs on <c>mart_payments_due</c>, which the payments table's trigger notifies when a charge or refund becomes
/// due. PostgreSQL delivers a notification only when its transaction commits, so a woken worker finds the row.
/// </summary>
public sealed partial class PaymentsDueListener(PaymentsDueSignal signal, TimeProvider timeProvider, ILogger<PaymentsDueListener> logger)
{
    private const string Channel = "mart_payments_due";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public async Task RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => signal.Notify();
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Work committed while nobody listened sent notifications nobody heard.
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
                // Meanwhile the workers' polling keeps things moving, only slower.
                LogListenFailed(logger, ex.Message, ReconnectDelay);
                try
                {
                    await Task.Delay(ReconnectDelay, timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for due payments failed ({Failure}); retrying in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, string failure, TimeSpan delay);
}
