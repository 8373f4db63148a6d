using System.Collections.Concurrent;
using Mart.Payments.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Payments.Gateway;

/// <summary>
/// A payment gateway that moves no money and answers by rule, so every path of the order flow can be exercised:
/// <list type="bullet">
/// <item><c>tok_decline</c> is declined (<c>card_declined</c>);</item>
/// <item><c>tok_flaky</c> fails transiently <c>FlakyFailures</c> times per charge, then succeeds;</item>
/// <item><c>tok_slow</c> is charged at once and answers after <c>SlowDelay</c> (a caller that stops waiting sooner leaves
/// a charge that went through);</item>
/// <item>an amount above <c>AmountLimit</c> is declined (<c>amount_limit</c>);</item>
/// <item>any other token succeeds.</item>
/// </list>
/// Every call waits <c>Latency</c> first and fails transiently with probability <c>TransientFailureRate</c>, before acting.
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

        if (request.PaymentToken == SimulatedTokens.Flaky
            && flakyCalls.AddOrUpdate(request.IdempotencyKey, 1, (_, calls) => calls + 1) <= settings.FlakyFailures)
        {
            throw new PaymentGatewayUnavailableException("Simulated transient failure (tok_flaky).");
        }

        var outcome = request.PaymentToken == SimulatedTokens.Decline
            ? ChargeOutcome.Decline(DeclineCodes.CardDeclined, "The card was declined.")
            : request.Amount > settings.AmountLimit
                ? ChargeOutcome.Decline(DeclineCodes.AmountLimit, $"Charges above {settings.AmountLimit:0.00} are declined.")
                : ChargeOutcome.Approve("sim_ch_" + Guid.NewGuid().ToString("N"));
        outcome = charges.GetOrAdd(request.IdempotencyKey, outcome);

        // Decided before the wait, as a provider charges whether or not its caller is still listening.
        if (request.PaymentToken == SimulatedTokens.Slow)
        {
            await Task.Delay(settings.SlowDelay, timeProvider, cancellationToken);
        }

        return outcome;
    }

    public async Task<ChargeOutcome?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        await BeforeCallAsync(options.CurrentValue, cancellationToken);
        return charges.TryGetValue(idempotencyKey, out var outcome) ? outcome : null;
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
