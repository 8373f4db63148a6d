using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>A charge whose answer Payments stopped waiting for may have gone through: it is settled, never assumed lost.</summary>
[Collection("charge-timeout")]
public sealed class ChargeTimeoutTests(ChargeTimeoutFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_charge_answered_after_the_timeout_and_cancelled_during_the_retry_delay_is_refunded()
    {
        var product = await Client.CreateProductAsync(onHand: 5);
        var order = await Client.PlaceAsync(Client.Customer, "tok_slow", (product.Id, 2));

        // The gateway charged at once; Payments gave up waiting after the timeout and waits out the retry delay.
        await UntilAsync(
            async () => await OrderFlowClient.ScalarAsync(
                Client.PaymentsDb, "SELECT count(*) FROM payments WHERE order_id = $1 AND status = 'pending' AND attempts > 0", order.Id) == 1,
            "the charge timed out",
            OrderFlowClient.FlowTimeout);
        Assert.Equal("cancelled", (await Client.CancelAsync(order.Id)).Status);

        // The money goes back (failed would leave it with the gateway), and the order stays cancelled, stock released.
        PaymentJson? settled = null;
        await UntilAsync(
            async () => (settled = (await Client.PaymentsOfAsync(order.Id)).SingleOrDefault(p => p.Status is "failed" or "refunded")) is not null,
            "the payment settled",
            ChargeTimeoutFixture.RetryDelay + OrderFlowClient.FlowTimeout);
        Assert.True(settled!.Status == "refunded", $"the charge the gateway made ended {settled.Status}: {settled.FailureReason}");
        var final = await Client.GetOrderAsync(order.Id);
        Assert.Equal("cancelled", final.Status);
        Assert.DoesNotContain(final.History, h => h.Status is "completed" or "refund_pending");
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
