using Mart.Data;
using Mart.Products.Data;
using Mart.Products.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mart.Products.Reconciliation;

/// <summary>
/// Settles, from Orders' answer, orders still holding units <c>StaleAfter</c> after they were reserved, because their
/// settling event never came (the mapping from order status to ledger move is in <c>SettleAsync</c>).
/// </summary>
public sealed partial class StaleReservationSweeper(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<ReconciliationOptions> options,
    ReconciliationMetrics metrics,
    TimeProvider timeProvider,
    ILogger<StaleReservationSweeper> logger) : BackgroundService
{
    // Where the previous pass stopped when it filled its batch: (oldest reservation, order).
    private (DateTimeOffset CreatedAt, Guid OrderId)? resumeAfter;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Service discovery's address of Orders; without it (Products run on its own) there is no one to ask.
        if (!configuration.GetSection("services:orders").Exists())
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next tick tries again.
                LogSweepFailed(logger, ex);
            }
        }
    }

    /// <summary>Checks up to one batch of orders with stale reservations; returns how many were settled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stale = await StaleOrdersAsync(timeProvider.GetUtcNow() - settings.StaleAfter, settings.BatchSize, cancellationToken);
        resumeAfter = stale.Count == settings.BatchSize ? (stale[^1].CreatedAt, stale[^1].OrderId) : null;

        var settled = 0;
        foreach (var (orderId, _) in stale)
        {
            try
            {
                settled += await SettleAsync(orderId, cancellationToken) ? 1 : 0;
            }
            catch (OrdersUnavailableException ex)
            {
                // Orders is away; every other order of this pass would wait for it as long.
                LogOrdersUnavailable(logger, orderId, ex.Message);
                resumeAfter = null;
                break;
            }
        }

        return settled;
    }

    private async Task<List<(Guid OrderId, DateTimeOffset CreatedAt)>> StaleOrdersAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProductsDbContext>().StaleOrdersAsync(cutoff, resumeAfter, batchSize, cancellationToken);
    }

    /// <summary>Settles one order from Orders' answer; false when there was nothing (left) to settle or it is still open.</summary>
    /// <remarks>Orders is asked before the transaction, so no row stays locked across the call.</remarks>
    private async Task<bool> SettleAsync(Guid orderId, CancellationToken cancellationToken)
    {
        string? status;
        await using (var scope = scopes.CreateAsyncScope())
        {
            status = await scope.ServiceProvider.GetRequiredService<OrderStatusClient>().StatusOfAsync(orderId, options.Value.OrdersTimeout, cancellationToken);
        }

        // Unknown to Orders (404) means its placement was never kept there: it can never complete, so its units go.
        var outcome = status switch
        {
            "completed" => ReservationStatus.Committed,
            "cancelled" or "rejected" or null => ReservationStatus.Released,
            "refund_pending" or "refunded" => ReservationStatus.Restocked,
            _ => null,
        };
        if (outcome is null)
        {
            LogStillOpen(logger, orderId, status!);
            return false;
        }

        var fix = await scopes.InTransactionAsync<ProductsDbContext, Fix?>(
            async (db, services, ct) =>
            {
                // Skipped when an event is settling the order right now: that event does what this would.
                var held = await db.LockHeldUnitsAsync(orderId, ct);
                if (held.Count == 0)
                {
                    return null;
                }

                var ledger = services.GetRequiredService<StockLedger>();
                switch (outcome)
                {
                    case ReservationStatus.Committed:
                        await ledger.CommitAsync(orderId, ct);
                        break;
                    case ReservationStatus.Released:
                        await ledger.ReleaseAsync(orderId, ct);
                        break;
                    default:
                        await ledger.RestockAsync(orderId, ct);
                        break;
                }

                return new Fix(outcome, status ?? "not_found", held.Sum());
            },
            cancellationToken);

        if (fix is null)
        {
            return false;
        }

        // Counted after the commit, so a rolled-back attempt is never reported.
        metrics.Reconciled(fix.Outcome, fix.OrderStatus);
        if (fix.OrderStatus == "not_found")
        {
            LogReleasedUnknown(logger, orderId, fix.Units);
        }
        else
        {
            LogReconciled(logger, orderId, fix.OrderStatus, fix.Outcome, fix.Units);
        }

        return true;
    }

    private sealed record Fix(string Outcome, string OrderStatus, int Units);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stale reservation sweep disabled: no address of Orders is configured")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is {OrderStatus} in Orders but its stock was still held: {Outcome} {Units} unit(s)")]
    private static partial void LogReconciled(ILogger logger, Guid orderId, string orderStatus, string outcome, int units);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is unknown to Orders but its stock was still held: released {Units} unit(s)")]
    private static partial void LogReleasedUnknown(ILogger logger, Guid orderId, int units);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} still holds stock long after it was placed and is {OrderStatus} in Orders; left for a later pass")]
    private static partial void LogStillOpen(ILogger logger, Guid orderId, string orderStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orders did not answer about order {OrderId} ({Failure}); stale reservations are checked again on the next pass")]
    private static partial void LogOrdersUnavailable(ILogger logger, Guid orderId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stale reservation sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
