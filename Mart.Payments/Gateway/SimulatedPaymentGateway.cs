using System.Collections.Concurrent;
using Mart.Payments.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Payments.Gateway;

/// <summary>
/// A payment gateway that moves no money and answers by rule, so every path of the order flow can be exercised:
/// <list type="bullet">
/// <item><c>tok_decline</c> is declined (<c>card_declined</c>);</item>
/// <item><c>tok_flaky</c> fails transiently <c>FlakyFailures</c> times per charge, then succeeds;</item>
/// <item><c>tok_slow</c> succeeds after <c>SlowDelay</c>;</item>
/// <item>an amount above <c>AmountLimit</c> is declined (<c>amount_limit</c>);</item>
/// <item>any other token succeeds.</item>
/// </list>
/// Every call waits <c>Latency</c> first and fails transiently with probability <c>TransientFailureRate</c>.
/// Outcomes are remembered per idempotency key for the life of the process, like a provider's idempotency window.
/// </summary>
public sealed class SimulatedPaymentGateway(IOptionsMonitor<SimulatedGatewayOptions> options, TimeProvider timeProvider) : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, ChargeOutcome> charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefundOutcome> refunds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> flakyCalls = new(StringComparer.Ordinal);

    public string Name => "simulated";

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        await BeforeCallAsync(settings, cancellationToken);
        if (charges.TryGetValue(request.IdempotencyKey, out var earlier))
        {
            return earlier;
        }

        switch (request.PaymentToken)
        {
            case SimulatedTokens.Flaky when flakyCalls.AddOrUpdate(request.IdempotencyKey, 1, (_, calls) => calls + 1) <= settings.FlakyFailures:
                throw new PaymentGatewayUnavailableException("Simulated transient failure (tok_flaky).");
            case SimulatedTokens.Slow:
                await Task.Delay(settings.SlowDelay, timeProvider, cancellationToken);
                break;
        }

        var outcome = request.PaymentToken == SimulatedTokens.Decline
            ? ChargeOutcome.Decline(DeclineCodes.CardDeclined, "The card was declined.")
            : request.Amount > settings.AmountLimit
                ? ChargeOutcome.Decline(DeclineCodes.AmountLimit, $"Charges above {settings.AmountLimit:0.00} are declined.")
                : ChargeOutcome.Approve("sim_ch_" + Guid.NewGuid().ToString("N"));
        return charges.GetOrAdd(request.IdempotencyKey, outcome);
    }

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await BeforeCallAsync(options.CurrentValue, cancellationToken);
        return refunds.GetOrAdd(request.IdempotencyKey, _ => new RefundOutcome("sim_re_" + Guid.NewGuid().ToString("N")));
    }

    private async Task BeforeCallAsync(SimulatedGatewayOptions settings, CancellationToken cancellationToken)
    {
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, timeProvider, cancellationToken);
        }

        if (settings.TransientFailureRate > 0 && Random.Shared.NextDouble() < settings.TransientFailureRate)
        {
            throw new PaymentGatewayUnavailableException("Simulated transient failure (TransientFailureRate).");
        }
    }
}
