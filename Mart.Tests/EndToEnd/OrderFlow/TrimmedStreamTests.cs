using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Npgsql;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>A consumer that falls far behind while its stream is trimmed still gets every entry it has not acknowledged.</summary>
[Collection("trimmed-stream")]
public sealed class TrimmedStreamTests(TrimmedStreamFixture fixture)
{
    // Hundreds of entries beyond the consumer's position: a length cap on the stream would drop whole nodes of them.
    private const int Orders = 300;
    private const int Products = 5;
    private const int OnHand = 100;

    /// <summary>From the moment Products can handle events again until the last order is final; far above what it takes.</summary>
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(2);

    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task Orders_placed_while_products_is_away_and_mart_orders_is_trimmed_all_complete_and_leave_no_stock_reserved()
    {
        await using var redis = await TestRedis.ConnectAsync((await fixture.App.GetConnectionStringAsync("redis"))!);
        var products = new Guid[Products];
        for (var i = 0; i < Products; i++)
        {
            products[i] = (await Client.CreateProductAsync(onHand: OnHand)).Id;
        }

        var customer = await Client.NewCustomerAsync();
        var placed = new Guid[Orders];

        // Products answers price lookups, so orders are accepted, but handles no event while its inbox is held: its
        // group on mart.orders stays at the first entry it read while order.placed entries pile up and the relay trims.
        await using (await InboxHold.TakeAsync(Client.ProductsDb))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, Orders),
                new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (i, _) => placed[i] = (await Client.PlaceAsync(customer, "tok_visa", (products[i % Products], 1))).Id);
            await UntilAsync(
                async () => await OrderFlowClient.ScalarAsync(Client.OrdersDb, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0,
                "Orders published every order.placed",
                OrderFlowClient.FlowTimeout);
            await Task.Delay(5 * TrimmedStreamFixture.TrimInterval);
        }

        var deadline = DateTime.UtcNow + CatchUpTimeout;
        while (await NotFinalAsync(placed) is { Length: > 0 } waiting)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Of {Orders} orders, these are not final after {CatchUpTimeout}: {string.Join(", ", waiting)}");
            await Task.Delay(250);
        }

        Assert.Equal(Orders, await OrderFlowClient.ScalarAsync(
            Client.OrdersDb, "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'completed'", placed));
        foreach (var product in products)
        {
            await Client.WaitForStockAsync(product, onHand: OnHand - (Orders / Products), reserved: 0);
        }

        Assert.Equal(0, await redis.Database.StreamLengthAsync(StreamNames.DeadLetters(StreamNames.Orders)));

        // The cap was in force: once every group has acknowledged them, the entries of this run are trimmed away.
        await UntilAsync(
            async () => await redis.Database.StreamLengthAsync(StreamNames.Orders) < Orders,
            $"{StreamNames.Orders} is trimmed",
            OrderFlowClient.FlowTimeout);
    }

    /// <summary>How many of the orders are in each status that is not final, as "status: count".</summary>
    private async Task<string[]> NotFinalAsync(Guid[] orders)
    {
        await using var connection = new NpgsqlConnection(Client.OrdersDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, count(*) FROM orders WHERE id = ANY($1) AND NOT status = ANY($2) GROUP BY status ORDER BY status",
            connection);
        command.Parameters.AddWithValue(orders);
        command.Parameters.AddWithValue(OrderFlowClient.FinalStatuses);
        await using var reader = await command.ExecuteReaderAsync();
        var waiting = new List<string>();
        while (await reader.ReadAsync())
        {
            waiting.Add($"{reader.GetString(0)}: {reader.GetInt64(1)}");
        }

        return [.. waiting];
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
