namespace Mart.Payments.Gateway;

/// <summary>
/// A payment service provider. Calls carry an idempotency key: repeating a call with the same key (after a crash, a
/// timeout, a retry) must return the first outcome and never move money twice, as real providers guarantee.
/// Transient trouble is reported by throwing <see cref="PaymentGatewayUnavailableException"/> (saying whether the call
/// may have been acted on); a decline is an answer.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stored with each payment, so it is known which provider holds the charge.</summary>
    string Name { get; }

    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The outcome of the charge made under <paramref name="idempotencyKey"/>, or null when no charge was made under it:
    /// how a call whose answer was lost is settled without charging again.
    /// </summary>
    Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken);

    Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}
