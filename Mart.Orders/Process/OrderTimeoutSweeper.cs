using Mart.Data;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Orders.Process;

/// <summary>
/// Cancels orders still pending or awaiting payment <c>Orders:Timeout</c> after placement (reason <c>timeout</c>),
/// so a lost answer from Products or Payments never leaves stock held forever. Rows are taken with
/// <c>SKIP LOCKED</c>: replicas share the work, and an order an event is changing right now is left to that event.
/// </summary>
public sealed partial class OrderTimeoutSweeper(
    IServiceScopeFactory scopes,
    IOptions<OrdersOptions> options,
    TimeProvider timeProvider,
    ILogger<OrderTimeoutSweeper> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TimeoutSweepInterval, timeProvider);
        do
        {
            try
            {
                var cancelled = await SweepAsync(stoppingToken);
                if (cancelled > 0)
                {
                    LogSwept(logger, cancelled, options.Value.Timeout);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next tick tries again.
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Cancels every order open longer than the timeout; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int batch;
        do
        {
            batch = await SweepBatchAsync(cancellationToken);
            total += batch;
        }
        while (batch == BatchSize);
        return total;
    }

    private Task<int> SweepBatchAsync(CancellationToken cancellationToken) =>
        scopes.InTransactionAsync<OrdersDbContext, int>(
            async (db, services, ct) =>
            {
                var process = services.GetRequiredService<OrderProcess>();
                var cutoff = timeProvider.GetUtcNow() - options.Value.Timeout;
                var expired = await OrderReads.LockOpenBeforeAsync(db, cutoff, BatchSize, ct);
                foreach (var order in expired)
                {
                    await process.FireAsync(order, OrderTrigger.TimedOut, OrderReasons.Timeout, ct);
                }

                return expired.Count;
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Count} order(s) open longer than {Timeout}")]
    private static partial void LogSwept(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order timeout sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
