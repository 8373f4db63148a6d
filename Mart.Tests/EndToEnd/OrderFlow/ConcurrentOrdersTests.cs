using System.Collections.Concurrent;

namespace Mart.Tests.EndToEnd.OrderFlow;

[Collection("orderflow")]
public sealed class ConcurrentOrdersTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task Fifty_concurrent_orders_for_ten_units_complete_exactly_ten_and_never_oversell()
    {
        const int Units = 10;
        const int Orders = 50;
        var product = await Client.CreateProductAsync(onHand: Units);
        var samples = new ConcurrentBag<(int OnHand, int Reserved)>();
        using var stopWatching = new CancellationTokenSource();
        var watcher = WatchStockAsync(product.Id, samples, stopWatching.Token);

        var placed = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i =>
            Client.PlaceAsync(Client.Customer, "tok_visa", (product.Id, 1))));
        var finals = await Task.WhenAll(placed.Select(order => Client.WaitForFinalAsync(order.Id)));
        await Client.WaitForStockAsync(product.Id, onHand: 0, reserved: 0);
        await stopWatching.CancelAsync();
        await watcher;

        Assert.Equal(Units, finals.Count(order => order.Status == "completed"));
        Assert.Equal(Orders - Units, finals.Count(order => order.Status == "rejected"));
        Assert.All(finals.Where(order => order.Status == "rejected"), order => Assert.Contains(product.Id.ToString(), order.Reason, StringComparison.Ordinal));
        Assert.True(samples.Count > 10, $"only {samples.Count} stock samples were taken");
        Assert.All(samples, sample =>
        {
            Assert.InRange(sample.OnHand, 0, Units);
            Assert.InRange(sample.Reserved, 0, sample.OnHand);
        });

        var paid = await OrderFlowClient.ScalarAsync(
            Client.PaymentsDb,
            "SELECT count(*) FROM payments WHERE order_id = ANY($1) AND status = 'succeeded'",
            finals.Where(order => order.Status == "completed").Select(order => order.Id).ToArray());
        var charged = await OrderFlowClient.ScalarAsync(
            Client.PaymentsDb, "SELECT count(*) FROM payments WHERE order_id = ANY($1)", placed.Select(order => order.Id).ToArray());
        Assert.Equal(Units, paid);
        Assert.Equal(Units, charged);
    }

    /// <summary>Samples the product's stock in the database as fast as it can until told to stop.</summary>
    private async Task WatchStockAsync(Guid productId, ConcurrentBag<(int OnHand, int Reserved)> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            samples.Add(await Client.StockAsync(productId));
            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
