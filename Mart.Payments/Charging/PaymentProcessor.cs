using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.Payments.Gateway;
using Mart.ServiceDefaults.Data;
using Mart.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mart.Payments.Charging;

/// <summary>
/// Makes due gateway calls. Each payment is worked on under its row lock, in a transaction that commits the
/// outcome with its event: a crash mid-call rolls back and releases the row at once, and the next attempt repeats
/// the call with the same idempotency key, so the gateway never charges an order twice. The unique order id on
/// the table means there is only ever one payment per order to charge.
/// </summary>
public sealed partial class PaymentProcessor(
    PaymentsDbContext db,
    IPaymentGateway gateway,
    IOutbox outbox,
    PaymentsDueSignal signal,
    IOptions<ChargingOptions> options,
    TimeProvider timeProvider,
    ILogger<PaymentProcessor> logger)
{
    /// <remarks>
    /// A refund requested while the charge was under way becomes due as the charge commits; the table's trigger
    /// notifies the workers then.
    /// </remarks>
    /// <summary>Works on one due payment, if any (rows another worker holds are skipped); false when none was due.</summary>
    public Task<bool> ProcessNextDueAsync(CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var now = timeProvider.GetDatabaseNow();
                var payment = await db.Payments
                    .FromSql($"""
                        SELECT *, xmin FROM payments
                        WHERE (status = 'pending' OR (status = 'succeeded' AND refund_requested_at IS NOT NULL))
                          AND next_attempt_at <= {now}
                        ORDER BY next_attempt_at
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED
                        """)
                    .SingleOrDefaultAsync(ct);
                if (payment is null)
                {
                    return false;
                }

                // More may be due: the next idle worker looks too (it skips this row), so a burst is worked in parallel.
                signal.Notify();
                await WorkOnAsync(payment, ct);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Refunds a payment now (<c>POST /payments/{id}/refund</c>), waiting for its row if a worker holds it. Returns the
    /// payment as it ends up, or null when there is none. A refund the gateway cannot make now stays requested and
    /// is retried by the workers.
    /// </summary>
    public Task<Payment?> RefundNowAsync(Guid paymentId, string reason, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                var payment = await db.Payments
                    .FromSql($"SELECT *, xmin FROM payments WHERE id = {paymentId} FOR UPDATE")
                    .SingleOrDefaultAsync(ct);
                if (payment is null)
                {
                    return null;
                }

                // Only a charge that went through can be refunded here; a pending one is answered with a conflict.
                if (payment.Status == PaymentStatus.Succeeded)
                {
                    payment.RequestRefund(reason, timeProvider.GetDatabaseNow());
                    await RefundAsync(payment, ct);
                }

                // Saved here, not by the commit, so the payment returned carries its new row version.
                await db.SaveChangesAsync(ct);
                return payment;
            },
            cancellationToken);

    private Task WorkOnAsync(Payment payment, CancellationToken cancellationToken) =>
        payment.Status == PaymentStatus.Pending ? ChargeAsync(payment, cancellationToken) : RefundAsync(payment, cancellationToken);

    private async Task ChargeAsync(Payment payment, CancellationToken cancellationToken)
    {
        ChargeOutcome outcome;
        try
        {
            outcome = await CallGatewayAsync(
                ct => gateway.ChargeAsync(new ChargeRequest(payment.Id.ToString(), payment.Amount, payment.Currency, payment.PaymentToken ?? string.Empty), ct),
                cancellationToken);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            var now = timeProvider.GetDatabaseNow();
            if (payment.Attempts + 1 >= options.Value.MaxChargeAttempts)
            {
                payment.Fail(DeclineCodes.GatewayUnavailable, $"The payment gateway failed {payment.Attempts + 1} times: {ex.Message}", now);
                outbox.Enqueue(db, PaymentMessages.Failed(payment));
                LogChargeGaveUp(logger, payment.Id, payment.OrderId, payment.Attempts + 1);
                return;
            }

            ScheduleRetry(payment, ex, now);
            return;
        }

        var settled = timeProvider.GetDatabaseNow();
        if (outcome.Approved)
        {
            payment.Succeed(outcome.Reference ?? string.Empty, settled);
            outbox.Enqueue(db, PaymentMessages.Succeeded(payment));
            LogCharged(logger, payment.Id, payment.OrderId, payment.Amount, payment.Currency);
        }
        else
        {
            payment.Fail(outcome.DeclineCode ?? DeclineCodes.CardDeclined, outcome.DeclineReason ?? "Declined by the gateway.", settled);
            outbox.Enqueue(db, PaymentMessages.Failed(payment));
            LogDeclined(logger, payment.Id, payment.OrderId, payment.FailureCode!);
        }
    }

    private async Task RefundAsync(Payment payment, CancellationToken cancellationToken)
    {
        RefundOutcome outcome;
        try
        {
            outcome = await CallGatewayAsync(
                ct => gateway.RefundAsync(new RefundRequest("refund:" + payment.Id, payment.GatewayReference ?? string.Empty, payment.Amount, payment.Currency), ct),
                cancellationToken);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            // Money owed back is never given up on: retried until the gateway answers.
            ScheduleRetry(payment, ex, timeProvider.GetDatabaseNow());
            return;
        }

        payment.Refund(outcome.Reference, timeProvider.GetDatabaseNow());
        outbox.Enqueue(db, PaymentMessages.Refunded(payment));
        LogRefunded(logger, payment.Id, payment.OrderId, payment.Amount, payment.Currency);
    }

    /// <summary>Runs a gateway call under the configured timeout; a timeout counts as the gateway being unavailable.</summary>
    private async Task<T> CallGatewayAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.GatewayTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentGatewayUnavailableException($"No answer within {options.Value.GatewayTimeout}.", ex);
        }
    }

    private void ScheduleRetry(Payment payment, PaymentGatewayUnavailableException failure, DateTimeOffset now)
    {
        var delay = options.Value.RetryDelay(payment.Attempts + 1);
        payment.RetryAt(now + delay, now);
        signal.NotifyAfter(delay, CancellationToken.None);
        LogRetrying(logger, payment.Id, payment.OrderId, payment.Attempts, failure.Message, delay);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} for order {OrderId} charged {Amount} {Currency}")]
    private static partial void LogCharged(ILogger logger, Guid paymentId, Guid orderId, decimal amount, string currency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} for order {OrderId} declined: {Code}")]
    private static partial void LogDeclined(ILogger logger, Guid paymentId, Guid orderId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} for order {OrderId} refunded {Amount} {Currency}")]
    private static partial void LogRefunded(ILogger logger, Guid paymentId, Guid orderId, decimal amount, string currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId}: gateway failure {Attempts} ({Failure}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Guid paymentId, Guid orderId, int attempts, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId} failed after {Attempts} gateway failures")]
    private static partial void LogChargeGaveUp(ILogger logger, Guid paymentId, Guid orderId, int attempts);
}
