using System.Diagnostics;
using Mart.Tests.Infrastructure;

namespace Mart.Tests.EndToEnd.OrderFlow;

[Collection("orderflow")]
public sealed class PaymentsCrashTests(OrderFlowFixture fixture)
{
    // Slow charges make sure gateway calls are in flight when the process dies; the rest mixes every outcome.
    private static readonly string[] Tokens = ["tok_slow", "tok_visa", "tok_flaky", "tok_visa", "tok_slow", "tok_decline", "tok_visa", "tok_visa"];

    private DistributedApplication App => fixture.App;

    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_payments_process_killed_mid_flow_leaves_every_order_final_and_none_charged_twice()
    {
        const int OnHand = 100;
        var product = await Client.CreateProductAsync(onHand: OnHand);
        var placed = new List<(OrderJson Order, string Token)>();

        placed.AddRange(await PlaceAsync(product.Id, 16));
        await UntilAsync(
            async () => await OrderFlowClient.ScalarAsync(Client.PaymentsDb, "SELECT count(*) FROM payments WHERE status = 'pending' AND order_id = ANY($1)", Ids(placed)) > 0,
            "a charge is under way");

        var launcher = App.ResourceNotifications.GetSnapshot("payments").ProcessId();
        var pid = App.ResourceNotifications.ServiceProcessId("payments");
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }

        // Orders keep arriving while Payments is down; they wait for it.
        var during = (await PlaceAsync(product.Id, 8)).ToList();
        placed.AddRange(during);
        using (var restarted = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await App.ResourceNotifications.WaitForResourceAsync(
                "payments",
                e => e.Snapshot.IsRunningAndHealthy() && e.Snapshot.ProcessId() is { } now && now != launcher,
                restarted.Token);
        }

        Assert.False(ProcessTable.IsAlive(pid), "the killed payments process is gone");
        var finals = await Task.WhenAll(placed.Select(async p =>
            (Order: await Client.WaitForFinalAsync(p.Order.Id, OrderFlowFixture.OrderTimeout + OrderFlowClient.FlowTimeout), p.Token)));

        // At most one payment row per order, ever: the unique order id held through the crash and the redeliveries.
        Assert.Equal(0, await OrderFlowClient.ScalarAsync(
            Client.PaymentsDb,
            "SELECT count(*) FROM (SELECT order_id FROM payments WHERE order_id = ANY($1) GROUP BY order_id HAVING count(*) > 1) AS twice",
            Ids(placed)));

        // Completed orders were paid once; cancelled ones keep no money; a declined card never completes.
        foreach (var (order, token) in finals)
        {
            if (order.Status == "completed")
            {
                Assert.NotEqual("tok_decline", token);
                Assert.Equal("succeeded", Assert.Single(await Client.PaymentsOfAsync(order.Id)).Status);
            }
            else
            {
                Assert.True(order.Status == "cancelled", $"order {order.Id} ({token}) ended {order.Status}: {order.Reason}");
                await UntilAsync(
                    async () => (await Client.PaymentsOfAsync(order.Id)) is [] or [{ Status: "failed" or "refunded" }],
                    $"cancelled order {order.Id} keeps no money");
            }
        }

        // The restarted process charges what arrived while it was down.
        Assert.Contains(finals, f => f.Order.Status == "completed" && during.Any(d => d.Order.Id == f.Order.Id));
        var sold = finals.Count(f => f.Order.Status == "completed");
        await Client.WaitForStockAsync(product.Id, onHand: OnHand - sold, reserved: 0);
    }

    private async Task<IEnumerable<(OrderJson Order, string Token)>> PlaceAsync(Guid productId, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            (await Client.PlaceAsync(Client.Customer, Tokens[i % Tokens.Length], (productId, 1)), Tokens[i % Tokens.Length])));

    private static Guid[] Ids(IEnumerable<(OrderJson Order, string Token)> placed) => [.. placed.Select(p => p.Order.Id)];

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + OrderFlowClient.FlowTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
