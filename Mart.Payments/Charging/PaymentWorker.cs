using Microsoft.Extensions.Options;

namespace Mart.Payments.Charging;

/// <summary>
/// Runs <c>Payments:Charging:Concurrency</c> workers that take due charges and refunds one at a time, woken by the
/// database's notifications (one worker per wake, see <see cref="PaymentsDueSignal"/>) and, as a fallback, by polling.
/// Pending work left by a crashed process is simply due.
/// </summary>
public sealed partial class PaymentWorker(
    IServiceScopeFactory scopes,
    PaymentsDueListener listener,
    PaymentsDueSignal signal,
    IConfiguration configuration,
    IOptions<ChargingOptions> options,
    ILogger<PaymentWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("paymentsdb")
            ?? throw new InvalidOperationException("ConnectionStrings:paymentsdb is missing.");
        var workers = Enumerable.Range(0, options.Value.Concurrency).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll([listener.RunAsync(connectionString, stoppingToken), .. workers]);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var moreDue = await ProcessNextAsync(stoppingToken);
                failures = 0;
                if (moreDue)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // E.g. the database is away; the payment's row lock died with the transaction, so nothing is lost.
                failures++;
                LogWorkFailed(logger, failures == 1 ? ex : null, ex.Message);
            }

            // Nothing more due (or failing): sleep until woken. The timeout is the polling fallback.
            try
            {
                var idle = failures == 0 ? options.Value.PollInterval : options.Value.RetryDelay(failures);
                await signal.WaitAsync(idle, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentProcessor>().ProcessNextDueAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Working on due payments failed: {Failure}")]
    private static partial void LogWorkFailed(ILogger logger, Exception? exception, string failure);
}
