namespace Mart.Payments.Gateway;

/// <summary>
/// A payment service provider. Calls carry an idempotency key: repeating a call with the same key (after a crash, a
/// timeout, a retry) must return the first outcome and never move money twice, as real providers guarantee.
/// Transient trouble is reported by throwing <see cref="PaymentGatewayUnavailableException"/>; a decline is an answer.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stored with each payment, so it is known which provider holds the charge.</summary>
    string Name { get; }

    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}
