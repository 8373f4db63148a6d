using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Mart.Payments.Data;
using Mart.Payments.Domain;
using Mart.Payments.Gateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mart.Payments.Charging;

/// <summary>
/// Makes due gateway calls outside any transaction: one transaction leases the payment, the call holds no lock, a
/// second transaction records the outcome with its event. The payment id is the call's idempotency key, so a call
/// repeated after a crash never charges twice; a charge whose outcome is unknown is looked up by key before anything else.
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
    /// <summary>How long past the gateway timeout a call's lease lasts: time to record the outcome.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    // Compiled once: every payment's outcome is recorded under this lock, and a LINQ query is looked up in EF's cache by
    // its whole expression tree on every call. Untracked: the outcome is written as SQL (PaymentWrites).
    private static readonly Func<PaymentsDbContext, Guid, CancellationToken, Task<Payment>> LockPayment = EF.CompileAsyncQuery(
        (PaymentsDbContext db, Guid paymentId, CancellationToken _) => db.Payments.AsNoTracking().TagWith(RowLocks.Tag).Single(p => p.Id == paymentId));

    /// <summary>
    /// Works on one due payment, if any (rows another worker holds are skipped); true when another was due as well, so
    /// the caller looks again at once instead of waiting for a wake.
    /// </summary>
    /// <remarks>
    /// A refund requested while the charge was under way becomes due as the charge's outcome commits; the table's
    /// trigger notifies the workers then.
    /// </remarks>
    public async Task<bool> ProcessNextDueAsync(CancellationToken cancellationToken)
    {
        var taken = await db.InTransactionAsync(
            async ct =>
            {
                var now = timeProvider.GetDatabaseNow();
                return await PaymentWrites.TakeNextDueAsync(db, now, Lease(now), ct);
            },
            cancellationToken);
        if (taken is not { } work)
        {
            return false;
        }

        // More is due: an idle worker looks too (it skips this row), so a burst is worked in parallel. Only after the
        // commit, which frees the other due row the take held. When nothing more was due nobody looks in vain; a
        // payment that falls due later wakes a worker itself.
        if (work.MoreDue)
        {
            signal.Notify();
        }

        await CallAndRecordAsync(work.Call, cancellationToken);
        return work.MoreDue;
    }

    /// <summary>
    /// Refunds a payment now (<c>POST /payments/{id}/refund</c>). Returns the payment as it ends up, or null when there
    /// is none. A refund the gateway cannot make now, or that a worker is making right now, stays requested (the
    /// workers see it through).
    /// </summary>
    /// <remarks>
    /// Safe to replay after a commit whose answer was lost: the replayed request finds the refund requested and its call
    /// leased, so it makes no second call (the workers make it under the same key when the lease ends), and a replayed
    /// record finds the payment refunded already and publishes nothing more.
    /// </remarks>
    public async Task<Payment?> RefundNowAsync(Guid paymentId, string reason, CancellationToken cancellationToken)
    {
        var (payment, call) = await db.InTransactionAsync(
            async ct =>
            {
                var payment = await db.Payments.ForUpdate().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
                GatewayCall? call = null;

                // Only a charge that went through can be refunded here; a pending one is answered with a conflict.
                if (payment is { Status: PaymentStatus.Succeeded })
                {
                    var now = timeProvider.GetDatabaseNow();
                    payment.RequestRefund(reason, now);
                    if (!payment.InCall(now))
                    {
                        call = StartCall(payment, now);
                    }
                }

                // Saved here, not by the commit, so the payment returned carries its new row version.
                await db.SaveChangesAsync(ct);
                return (payment, call);
            },
            cancellationToken);
        return call is null ? payment : await CallAndRecordAsync(call, cancellationToken);
    }

    /// <summary>Gives the payment a lease for one gateway call and describes the call.</summary>
    private GatewayCall StartCall(Payment payment, DateTimeOffset now)
    {
        var lease = Lease(now);
        payment.StartCall(lease, now);
        return GatewayCall.For(payment.Id, payment.Status, payment.Amount, payment.Currency, payment.PaymentToken, payment.GatewayReference, lease);
    }

    /// <summary>When a call started at <paramref name="now"/> gives the payment up: its timeout, and time to record the outcome.</summary>
    private DateTimeOffset Lease(DateTimeOffset now) => now + options.Value.GatewayTimeout + LeaseMargin;

    /// <summary>Makes the call with nothing locked, then records what the gateway said; returns the payment as recorded.</summary>
    private async Task<Payment> CallAndRecordAsync(GatewayCall call, CancellationToken cancellationToken)
    {
        ChargeOutcome? charged = null;
        RefundOutcome? refunded = null;
        PaymentGatewayUnavailableException? unavailable = null;

        // Whether a charge may have gone through with its outcome unknown: an earlier one until the gateway says what
        // became of it, or this call's own when its answer is lost.
        var unsettled = call.SettleFirst;
        var chargeSent = false;
        var calledOff = false;
        try
        {
            if (call.Charge is { } charge)
            {
                if (call.SettleFirst)
                {
                    charged = await CallGatewayAsync(ct => gateway.FindChargeAsync(charge.IdempotencyKey, ct), cancellationToken);
                    unsettled = false;
                }

                if (charged is null && call.ChargeRuledOut)
                {
                    calledOff = true;
                }
                else if (charged is null)
                {
                    chargeSent = true;
                    charged = await CallGatewayAsync(ct => gateway.ChargeAsync(charge, ct), cancellationToken);
                }
            }
            else
            {
                refunded = await CallGatewayAsync(ct => gateway.RefundAsync(call.Refund!, ct), cancellationToken);
            }
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            unavailable = ex;
            unsettled |= chargeSent && ex.OutcomeUnknown;
        }

        // The gateway's answer is final for this idempotency key, so it is recorded even if the row changed meanwhile
        // (a refund asked for during the charge); only a retry or a call-off is left to whoever holds the current lease.
        return await db.InTransactionAsync(
            async ct =>
            {
                var payment = await LockPayment(db, call.PaymentId, ct);
                var now = timeProvider.GetDatabaseNow();
                var outcome = Outcome.None;
                if (unavailable is not null)
                {
                    if (payment.IsCurrentCall(call.Lease))
                    {
                        outcome = unsettled
                            ? OutcomeUnknown(payment, unavailable, chargeSent ? call.Lease : now, now)
                            : GatewayUnavailable(payment, call.Charge is not null, unavailable, now);
                    }
                }
                else if (charged is not null && payment.Status == PaymentStatus.Pending)
                {
                    outcome = Charged(payment, charged, now);
                }
                else if (calledOff && payment.Status == PaymentStatus.Pending && payment.IsCurrentCall(call.Lease))
                {
                    payment.CallOff(now);
                    outcome = new Outcome(true, PaymentMessages.Failed(payment));
                    LogCalledOff(logger, payment.Id, payment.OrderId);
                }
                else if (refunded is not null && payment.RefundDue)
                {
                    payment.Refund(refunded.Reference, now);
                    outcome = new Outcome(true, PaymentMessages.Refunded(payment));
                    LogRefunded(logger, payment.Id, payment.OrderId, payment.Amount, payment.Currency);
                }

                if (outcome.Changed)
                {
                    await PaymentWrites.SaveAsync(db, payment, outbox, outcome.Message, ct);
                }

                return payment;
            },
            cancellationToken);
    }

    private Outcome Charged(Payment payment, ChargeOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Approved)
        {
            payment.Succeed(outcome.Reference ?? string.Empty, now);
            LogCharged(logger, payment.Id, payment.OrderId, payment.Amount, payment.Currency);
            return new Outcome(true, PaymentMessages.Succeeded(payment));
        }

        payment.Fail(outcome.DeclineCode ?? DeclineCodes.CardDeclined, outcome.DeclineReason ?? "Declined by the gateway.", now);
        LogDeclined(logger, payment.Id, payment.OrderId, payment.FailureCode!);
        return new Outcome(true, PaymentMessages.Failed(payment));
    }

    private Outcome GatewayUnavailable(Payment payment, bool charging, PaymentGatewayUnavailableException failure, DateTimeOffset now)
    {
        // Money owed back is never given up on: a refund is retried until the gateway answers.
        if (charging && payment.Attempts + 1 >= options.Value.MaxChargeAttempts)
        {
            payment.Fail(DeclineCodes.GatewayUnavailable, $"The payment gateway failed {payment.Attempts + 1} times: {failure.Message}", now);
            LogChargeGaveUp(logger, payment.Id, payment.OrderId, payment.Attempts + 1);
            return new Outcome(true, PaymentMessages.Failed(payment));
        }

        var delay = options.Value.RetryDelay(payment.Attempts + 1);
        payment.RetryAt(now + delay, now);
        signal.NotifyAfter(delay, CancellationToken.None);
        LogRetrying(logger, payment.Id, payment.OrderId, payment.Attempts, failure.Message, delay);
        return new Outcome(true, Message: null);
    }

    /// <summary>
    /// A charge may have gone through and its outcome is unknown: never given up on, the gateway is asked for it until it
    /// answers, and not before <paramref name="notBefore"/> (the lease of a charge just sent, giving a request still on
    /// its way time to arrive). Until then a cancel asks for a refund instead of failing the payment.
    /// </summary>
    private Outcome OutcomeUnknown(Payment payment, PaymentGatewayUnavailableException failure, DateTimeOffset notBefore, DateTimeOffset now)
    {
        var due = now + options.Value.RetryDelay(payment.Attempts + 1);
        payment.AwaitOutcome(due > notBefore ? due : notBefore, now);
        signal.NotifyAfter(payment.NextAttemptAt - now, CancellationToken.None);
        LogOutcomeUnknown(logger, payment.Id, payment.OrderId, payment.Attempts, failure.Message, payment.NextAttemptAt - now);
        return new Outcome(true, Message: null);
    }

    /// <summary>
    /// Runs a gateway call under the configured timeout. A timeout counts as the gateway being unavailable with the
    /// outcome unknown: the request may have been acted on.
    /// </summary>
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
            throw new PaymentGatewayUnavailableException($"No answer within {options.Value.GatewayTimeout}.", ex, outcomeUnknown: true);
        }
    }

    // Debug: one per order; the payment row and the trace hold the same. Declines stay visible.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment {PaymentId} for order {OrderId} charged {Amount} {Currency}")]
    private static partial void LogCharged(ILogger logger, Guid paymentId, Guid orderId, decimal amount, string currency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} for order {OrderId} declined: {Code}")]
    private static partial void LogDeclined(ILogger logger, Guid paymentId, Guid orderId, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment {PaymentId} for order {OrderId} refunded {Amount} {Currency}")]
    private static partial void LogRefunded(ILogger logger, Guid paymentId, Guid orderId, decimal amount, string currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId}: gateway failure {Attempts} ({Failure}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Guid paymentId, Guid orderId, int attempts, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId}: charge outcome unknown after gateway failure {Attempts} ({Failure}); asking the gateway in {Delay}")]
    private static partial void LogOutcomeUnknown(ILogger logger, Guid paymentId, Guid orderId, int attempts, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} called off: order {OrderId} was cancelled and nothing was charged")]
    private static partial void LogCalledOff(ILogger logger, Guid paymentId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId} failed after {Attempts} gateway failures")]
    private static partial void LogChargeGaveUp(ILogger logger, Guid paymentId, Guid orderId, int attempts);

    /// <summary>What recording a call did: whether the payment changed, and the event that change publishes, if any.</summary>
    private readonly record struct Outcome(bool Changed, IMessage? Message)
    {
        public static Outcome None => default;
    }
}
