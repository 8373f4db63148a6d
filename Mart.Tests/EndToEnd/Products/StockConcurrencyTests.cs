using System.Net;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>Many orders and adjustments racing for a few units, handled by two replicas at once.</summary>
[Collection("products-system")]
public sealed class StockConcurrencyTests(ProductsSystemFixture fixture)
{
    private ProductsApiClient Api => fixture.Api;

    private EventStreams Streams => fixture.Streams;

    private string Db => fixture.DatabaseConnectionString;

    [Fact]
    public async Task Fifty_orders_for_ten_units_reserve_exactly_ten_and_stock_never_goes_negative()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orders = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        // Watch the row while the orders are handled: at no moment may more be held than is on hand.
        using var stop = new CancellationTokenSource();
        var observed = new List<(int OnHand, int Reserved)>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                observed.Add(await StockDatabase.StockAsync(Db, product.Id));
                await Task.Delay(5);
            }
        });

        await Task.WhenAll(orders.Select(orderId => Streams.PlaceOrderAsync(orderId, (product.Id, 1))));
        var answers = new List<object>();
        foreach (var orderId in orders)
        {
            answers.Add(await Streams.WaitForAnswerAsync(orderId, TimeSpan.FromSeconds(60)));
        }

        await stop.CancelAsync();
        await watcher;

        var reserved = orders.Where((_, i) => answers[i] is Mart.Contracts.StockReserved).ToList();
        Assert.Equal(10, reserved.Count);
        Assert.Equal(40, answers.Count(a => a is Mart.Contracts.StockRejected));
        Assert.Equal((10, 10), await StockDatabase.StockAsync(Db, product.Id));
        Assert.All(observed, stock => Assert.True(stock.Reserved >= 0 && stock.Reserved <= stock.OnHand && stock.OnHand >= 0, $"observed {stock}"));
        Assert.True(observed.Count > 1);

        // Every unit held is sold: on hand and reserved both end at zero.
        var completions = await Task.WhenAll(reserved.Select(orderId => Streams.CompleteOrderAsync(orderId)));
        foreach (var completion in completions)
        {
            await Streams.WaitUntilHandledAsync(completion, TimeSpan.FromSeconds(60));
        }

        Assert.Equal((0, 0), await StockDatabase.StockAsync(Db, product.Id));
    }

    [Fact]
    public async Task Fifty_concurrent_withdrawals_of_one_unit_from_ten_succeed_exactly_ten_times()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Api.AdjustStockAsync(product.Id, -1, "picked")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal((0, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal(10, await StockDatabase.ScalarAsync(Db, "SELECT count(*) FROM stock_adjustments WHERE product_id = $1", product.Id));
    }
}
