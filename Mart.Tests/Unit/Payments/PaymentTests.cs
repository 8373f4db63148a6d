extern alias PaymentsService;

using PaymentsService::Mart.Payments.Charging;
using PaymentsService::Mart.Payments.Domain;

namespace Mart.Tests.Unit.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_charge_settles_once_and_forgets_the_token()
    {
        var payment = Pending("tok_visa");

        payment.Succeed("sim_ch_1", Now);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("sim_ch_1", payment.GatewayReference);
        Assert.Null(payment.PaymentToken);
        Assert.Throws<InvalidOperationException>(() => payment.Succeed("sim_ch_2", Now));
        Assert.Throws<InvalidOperationException>(() => payment.Fail("card_declined", "no", Now));
    }

    [Fact]
    public void A_failed_payment_cannot_be_refunded()
    {
        var payment = Pending("tok_decline");
        payment.Fail("card_declined", "The card was declined.", Now);

        Assert.False(payment.RequestRefund("customer cancelled", Now));
        Assert.False(payment.RefundDue);
    }

    [Fact]
    public void A_refund_is_requested_once_and_made_once()
    {
        var payment = Pending("tok_visa");
        payment.Succeed("sim_ch_1", Now);

        Assert.True(payment.RequestRefund("customer cancelled", Now));
        Assert.False(payment.RequestRefund("again", Now.AddSeconds(1)));
        Assert.True(payment.RefundDue);
        Assert.Equal("customer cancelled", payment.RefundReason);

        payment.Refund("sim_re_1", Now.AddSeconds(2));

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.False(payment.RefundDue);
        Assert.False(payment.RequestRefund("and again", Now.AddSeconds(3)));
        Assert.Throws<InvalidOperationException>(() => payment.Refund("sim_re_2", Now));
    }

    [Fact]
    public void A_refund_asked_for_during_the_charge_becomes_due_when_the_charge_succeeds()
    {
        var payment = Pending("tok_slow");

        Assert.True(payment.RequestRefund("order cancelled", Now));
        Assert.False(payment.RefundDue);

        payment.Succeed("sim_ch_1", Now.AddSeconds(3));

        Assert.True(payment.RefundDue);
    }

    [Fact]
    public void Transient_failures_are_counted_and_push_the_next_attempt_back()
    {
        var payment = Pending("tok_flaky");

        payment.RetryAt(Now.AddSeconds(1), Now);
        payment.RetryAt(Now.AddSeconds(3), Now.AddSeconds(1));

        Assert.Equal(2, payment.Attempts);
        Assert.Equal(Now.AddSeconds(3), payment.NextAttemptAt);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void A_call_holds_the_payment_until_its_lease_ends_and_its_outcome_releases_it()
    {
        var payment = Pending("tok_visa");
        var lease = Now.AddSeconds(20);

        payment.StartCall(lease, Now);

        Assert.True(payment.InCall(Now.AddSeconds(19)));
        Assert.False(payment.InCall(lease));
        Assert.Equal(lease, payment.NextAttemptAt); // no other worker takes it before the lease ends
        Assert.True(payment.IsCurrentCall(lease));
        Assert.False(payment.IsCurrentCall(lease.AddTicks(10)));

        payment.Succeed("sim_ch_1", Now.AddSeconds(1));

        Assert.Null(payment.InCallUntil);
        Assert.False(payment.IsCurrentCall(lease));
        Assert.Throws<InvalidOperationException>(() => payment.StartCall(Now.AddSeconds(40), Now.AddSeconds(2)));
    }

    [Fact]
    public void A_refund_asked_for_while_the_charge_is_out_keeps_the_charge_lease()
    {
        var payment = Pending("tok_slow");
        var lease = Now.AddSeconds(20);
        payment.StartCall(lease, Now);

        Assert.True(payment.RequestRefund("order cancelled", Now.AddSeconds(1)));

        // Not due before the lease ends: a second worker would make the same call beside the first.
        Assert.Equal(lease, payment.NextAttemptAt);
        payment.Succeed("sim_ch_1", Now.AddSeconds(3));
        Assert.True(payment.RefundDue);
        Assert.Equal(Now.AddSeconds(3), payment.NextAttemptAt);
    }

    [Fact]
    public void A_transient_failure_ends_the_call_and_schedules_the_next()
    {
        var payment = Pending("tok_flaky");
        payment.StartCall(Now.AddSeconds(20), Now);

        payment.RetryAt(Now.AddSeconds(2), Now.AddSeconds(1));

        Assert.Null(payment.InCallUntil);
        Assert.Equal(Now.AddSeconds(2), payment.NextAttemptAt);
        Assert.Equal(1, payment.Attempts);
    }

    [Fact]
    public void A_charge_whose_answer_is_lost_stays_unsettled_with_no_call_out()
    {
        var payment = Pending("tok_slow");
        payment.StartCall(Now.AddSeconds(20), Now);

        payment.AwaitOutcome(Now.AddSeconds(30), Now.AddSeconds(15));

        // Unsettled: a cancel now asks for a refund instead of failing a charge that may have gone through.
        Assert.True(payment.ChargeUnsettled);
        Assert.False(payment.InCall(Now.AddSeconds(15)));
        Assert.False(payment.IsCurrentCall(Now.AddSeconds(20)));
        Assert.Equal(Now.AddSeconds(30), payment.NextAttemptAt);
        Assert.Equal(1, payment.Attempts);

        Assert.True(payment.RequestRefund("order cancelled", Now.AddSeconds(16)));
        payment.Succeed("sim_ch_1", Now.AddSeconds(30));
        Assert.False(payment.ChargeUnsettled);
        Assert.True(payment.RefundDue);
    }

    [Fact]
    public void A_charge_the_gateway_refused_leaves_nothing_unsettled()
    {
        var payment = Pending("tok_flaky");
        payment.StartCall(Now.AddSeconds(20), Now);
        Assert.True(payment.ChargeUnsettled);

        payment.RetryAt(Now.AddSeconds(2), Now.AddSeconds(1));

        Assert.False(payment.ChargeUnsettled);
    }

    [Fact]
    public void A_called_off_payment_fails_as_order_cancelled_and_forgets_the_token()
    {
        var payment = Pending("tok_visa");
        payment.StartCall(Now.AddSeconds(20), Now);
        payment.AwaitOutcome(Now.AddSeconds(30), Now.AddSeconds(15));

        payment.CallOff(Now.AddSeconds(31));

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("order_cancelled", payment.FailureCode);
        Assert.Null(payment.PaymentToken);
        Assert.False(payment.ChargeUnsettled);
        Assert.Throws<InvalidOperationException>(() => payment.AwaitOutcome(Now.AddSeconds(40), Now.AddSeconds(32)));
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(10, 30000)]
    [InlineData(1000, 30000)]
    public void Retry_delays_double_up_to_the_maximum(int failures, int expectedMs)
    {
        var options = new ChargingOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(250), RetryMaxDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), options.RetryDelay(failures));
    }

    private static Payment Pending(string token) =>
        Payment.Request(Guid.CreateVersion7(), Guid.CreateVersion7(), 42.50m, "EUR", "simulated", token, Now);
}
