extern alias PaymentsService;

using Microsoft.Extensions.Options;
using PaymentsService::Mart.Payments.Gateway;

namespace Mart.Tests.Unit.Payments;

public sealed class SimulatedPaymentGatewayTests
{
    [Theory]
    [InlineData("tok_visa")]
    [InlineData("tok_anything_else")]
    [InlineData("pm_card_mastercard")]
    public async Task Ordinary_tokens_are_charged(string token)
    {
        var outcome = await Gateway().ChargeAsync(Charge(token), CancellationToken.None);

        Assert.True(outcome.Approved);
        Assert.StartsWith("sim_ch_", outcome.Reference);
    }

    [Fact]
    public async Task Tok_decline_is_declined_as_card_declined()
    {
        var outcome = await Gateway().ChargeAsync(Charge("tok_decline"), CancellationToken.None);

        Assert.False(outcome.Approved);
        Assert.Equal("card_declined", outcome.DeclineCode);
        Assert.Null(outcome.Reference);
    }

    [Fact]
    public async Task Amounts_above_the_limit_are_declined_and_the_limit_itself_is_not()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { AmountLimit = 500m });

        var above = await gateway.ChargeAsync(Charge("tok_visa", amount: 500.01m), CancellationToken.None);
        var at = await gateway.ChargeAsync(Charge("tok_visa", amount: 500m), CancellationToken.None);

        Assert.Equal("amount_limit", above.DeclineCode);
        Assert.True(at.Approved);
    }

    [Fact]
    public async Task Tok_flaky_fails_transiently_the_configured_number_of_times_then_succeeds()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { FlakyFailures = 3 });
        var request = Charge("tok_flaky");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.ChargeAsync(request, CancellationToken.None));
        }

        Assert.True((await gateway.ChargeAsync(request, CancellationToken.None)).Approved);
    }

    [Fact]
    public async Task Flaky_failures_are_counted_per_charge()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { FlakyFailures = 1 });

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.ChargeAsync(Charge("tok_flaky"), CancellationToken.None));
        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.ChargeAsync(Charge("tok_flaky"), CancellationToken.None));
    }

    [Fact]
    public async Task The_same_idempotency_key_gets_the_first_outcome_and_no_second_charge()
    {
        var gateway = Gateway();
        var request = Charge("tok_visa");

        var first = await gateway.ChargeAsync(request, CancellationToken.None);
        var again = await gateway.ChargeAsync(request, CancellationToken.None);
        var another = await gateway.ChargeAsync(Charge("tok_visa"), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Reference, another.Reference);
    }

    [Fact]
    public async Task Refunds_are_idempotent_per_key()
    {
        var gateway = Gateway();
        var request = new RefundRequest("refund:1", "sim_ch_1", 10m, "EUR");

        var first = await gateway.RefundAsync(request, CancellationToken.None);
        var again = await gateway.RefundAsync(request, CancellationToken.None);

        Assert.StartsWith("sim_re_", first.Reference);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Tok_slow_takes_the_configured_delay()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { SlowDelay = TimeSpan.FromMilliseconds(300) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await gateway.ChargeAsync(Charge("tok_slow"), CancellationToken.None);

        Assert.True(outcome.Approved);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_failure_rate_of_one_fails_every_call_transiently()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { TransientFailureRate = 1 });

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.ChargeAsync(Charge("tok_visa"), CancellationToken.None));
        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.RefundAsync(new RefundRequest("r", "c", 1m, "EUR"), CancellationToken.None));
    }

    [Fact]
    public async Task A_charge_is_found_by_its_key_and_a_key_never_charged_is_not()
    {
        var gateway = Gateway();
        var request = Charge("tok_visa");

        Assert.Null(await gateway.FindChargeAsync(request.IdempotencyKey, CancellationToken.None));
        var charged = await gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(charged, await gateway.FindChargeAsync(request.IdempotencyKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_charge_whose_caller_stopped_waiting_went_through()
    {
        var gateway = Gateway(new SimulatedGatewayOptions { SlowDelay = TimeSpan.FromSeconds(30) });
        var request = Charge("tok_slow");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.ChargeAsync(request, timeout.Token));

        var found = await gateway.FindChargeAsync(request.IdempotencyKey, CancellationToken.None);
        Assert.True(found?.Approved);
    }

    private static ChargeRequest Charge(string token, decimal amount = 42.50m) => new(Guid.NewGuid().ToString(), amount, "EUR", token);

    private static SimulatedPaymentGateway Gateway(SimulatedGatewayOptions? options = null) =>
        new(new FixedOptions(options ?? new SimulatedGatewayOptions()), TimeProvider.System);

    private sealed class FixedOptions(SimulatedGatewayOptions value) : IOptionsMonitor<SimulatedGatewayOptions>
    {
        public SimulatedGatewayOptions CurrentValue => value;

        public SimulatedGatewayOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimulatedGatewayOptions, string?> listener) => null;
    }
}
