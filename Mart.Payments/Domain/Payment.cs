namespace Mart.Payments.Domain;

/// <summary>The one charge of an order (unique per order id), and its refund if there is one.</summary>
public sealed class Payment
{
    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    /// <summary>Which <c>IPaymentGateway</c> charges it.</summary>
    public string Gateway { get; private set; } = string.Empty;

    /// <summary>The gateway's id of the charge, once it was approved.</summary>
    public string? GatewayReference { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>The customer's payment method; kept only until the gateway decided, then forgotten.</summary>
    public string? PaymentToken { get; private set; }

    /// <summary>Gateway calls that failed transiently so far (charge or refund).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the charge or refund is due (again).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>
    /// While a worker's gateway call for this payment may be out: the worker's lease, after which the payment is due
    /// again (the worker died mid-call). Once a charge's answer is lost it stays set (to when the worker stopped
    /// waiting) until the charge is settled. Null when no call is out and no charge is unsettled.
    /// </summary>
    public DateTimeOffset? InCallUntil { get; private set; }

    public DateTimeOffset? RefundRequestedAt { get; private set; }

    public string? RefundReason { get; private set; }

    public string? RefundReference { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's <c>xmin</c>: a concurrent update of the same row fails instead of overwriting.</summary>
    public uint Version { get; private set; }

    /// <summary>A payment to be charged, due now.</summary>
    public static Payment Request(Guid id, Guid orderId, decimal amount, string currency, string gateway, string paymentToken, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        return new Payment
        {
            Id = id,
            OrderId = orderId,
            Amount = amount,
            Currency = currency,
            Status = PaymentStatus.Pending,
            Gateway = gateway,
            PaymentToken = paymentToken,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>True while a refund is asked for and not yet done.</summary>
    public bool RefundDue => Status == PaymentStatus.Succeeded && RefundRequestedAt is not null;

    /// <summary>
    /// True while a charge was sent and its outcome is not recorded: the call is out, its answer was lost, or its worker
    /// died. Such a charge may have gone through, so it is looked up before the payment is charged or given up.
    /// </summary>
    public bool ChargeUnsettled => Status == PaymentStatus.Pending && InCallUntil is not null;

    /// <summary>True while a worker's gateway call may be out (its lease has not run out).</summary>
    public bool InCall(DateTimeOffset now) => InCallUntil > now;

    /// <summary>
    /// A worker is about to call the gateway outside any transaction: nobody else takes the payment before
    /// <paramref name="until"/>, when it is due again should the worker never record the outcome.
    /// </summary>
    public void StartCall(DateTimeOffset until, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending && !RefundDue)
        {
            throw new InvalidOperationException($"Payment {Id} is {Status.ToName()}; there is no call to make.");
        }

        InCallUntil = until;
        NextAttemptAt = until;
        UpdatedAt = now;
    }

    /// <summary>True when the call started with lease <paramref name="until"/> is still this payment's current call.</summary>
    public bool IsCurrentCall(DateTimeOffset until) => InCallUntil == until;

    /// <summary>Records the gateway's approval; the token is no longer needed.</summary>
    public void Succeed(string gatewayReference, DateTimeOffset now)
    {
        EnsureStatus(PaymentStatus.Pending);
        Status = PaymentStatus.Succeeded;
        GatewayReference = gatewayReference;
        Settle(now);
    }

    /// <summary>Records that the payment will not be charged, and why.</summary>
    public void Fail(string code, string reason, DateTimeOffset now)
    {
        EnsureStatus(PaymentStatus.Pending);
        Status = PaymentStatus.Failed;
        FailureCode = code;
        FailureReason = reason;
        Settle(now);
    }

    /// <summary>The order was cancelled and nothing was charged: the payment fails with <c>order_cancelled</c>.</summary>
    public void CallOff(DateTimeOffset now) =>
        Fail(DeclineCodes.OrderCancelled, "The order was cancelled before it was charged.", now);

    /// <summary>A gateway call failed before the gateway acted on it: nothing is unsettled; try again at <paramref name="due"/>.</summary>
    public void RetryAt(DateTimeOffset due, DateTimeOffset now)
    {
        Attempts++;
        InCallUntil = null;
        NextAttemptAt = due;
        UpdatedAt = now;
    }

    /// <summary>
    /// A charge's outcome is unknown (no answer in time, the connection lost after sending, or asking for it failed):
    /// the charge stays unsettled, no worker waits on it any more, and its outcome is asked for at <paramref name="due"/>.
    /// </summary>
    public void AwaitOutcome(DateTimeOffset due, DateTimeOffset now)
    {
        EnsureStatus(PaymentStatus.Pending);
        Attempts++;
        InCallUntil = now;
        NextAttemptAt = due;
        UpdatedAt = now;
    }

    /// <summary>
    /// Asks for the money back. Allowed while pending too (the order was cancelled during the charge): the refund
    /// follows the charge, which keeps its own schedule. False when there is nothing (more) to ask for.
    /// </summary>
    public bool RequestRefund(string reason, DateTimeOffset now)
    {
        if (Status is PaymentStatus.Failed or PaymentStatus.Refunded || RefundRequestedAt is not null)
        {
            return false;
        }

        RefundRequestedAt = now;
        RefundReason = reason;
        if (Status == PaymentStatus.Succeeded && !InCall(now))
        {
            NextAttemptAt = now;
        }

        UpdatedAt = now;
        return true;
    }

    /// <summary>Records the gateway's refund.</summary>
    public void Refund(string refundReference, DateTimeOffset now)
    {
        EnsureStatus(PaymentStatus.Succeeded);
        Status = PaymentStatus.Refunded;
        RefundReference = refundReference;
        RefundedAt = now;
        Attempts = 0;
        InCallUntil = null;
        UpdatedAt = now;
    }

    private void Settle(DateTimeOffset now)
    {
        PaymentToken = null;
        Attempts = 0;
        InCallUntil = null;
        NextAttemptAt = now;
        UpdatedAt = now;
    }

    private void EnsureStatus(PaymentStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"Payment {Id} is {Status.ToName()}, not {expected.ToName()}.");
        }
    }
}
