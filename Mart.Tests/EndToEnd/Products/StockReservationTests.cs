using System.Net;
using Mart.Contracts;
using Mart.Data.Caching;
using Mart.Messaging;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>
/// The stock side of the order flow, driven as Orders and Payments drive it: events on <c>mart.orders</c> and
/// <c>mart.payments</c>, answers read from <c>mart.products</c>, stock read from the database.
/// </summary>
[Collection("products-system")]
public sealed class StockReservationTests(ProductsSystemFixture fixture)
{
    private ProductsApiClient Api => fixture.Api;

    private EventStreams Streams => fixture.Streams;

    private string Db => fixture.DatabaseConnectionString;

    [Fact]
    public async Task An_order_whose_lines_are_all_in_stock_is_reserved_in_full()
    {
        var (lamp, _) = await Api.CreateAsync(onHand: 5);
        var (desk, _) = await Api.CreateAsync(onHand: 3);
        var orderId = Guid.NewGuid();
        var (before, etagBefore) = await Api.GetAsync(desk.Id);
        Assert.Equal(0, before.Reserved);

        await Streams.PlaceOrderAsync(orderId, (lamp.Id, 2), (desk.Id, 3));

        var reserved = await Streams.WaitForReservedAsync(orderId);
        Assert.Equal(orderId.ToString(), reserved.OrderId);
        Assert.Equal(
            new Dictionary<string, int> { [lamp.Id.ToString()] = 2, [desk.Id.ToString()] = 3 },
            reserved.Lines.ToDictionary(l => l.ProductId, l => l.Quantity));
        Assert.Equal((5, 2), await StockDatabase.StockAsync(Db, lamp.Id));
        Assert.Equal((3, 3), await StockDatabase.StockAsync(Db, desk.Id));
        Assert.Equal(
            new Dictionary<Guid, (int, string)> { [lamp.Id] = (2, "reserved"), [desk.Id] = (3, "reserved") },
            await StockDatabase.ReservationsAsync(Db, orderId));

        // The API shows it too: the copy cached by the read above was dropped when the reservation committed.
        var (shown, etagAfter) = await Api.GetAsync(desk.Id);
        Assert.Equal((3, 3, 0), (shown.OnHand, shown.Reserved, shown.Available));
        Assert.NotEqual(etagBefore, etagAfter);
    }

    [Fact]
    public async Task A_sale_and_a_release_show_in_the_API_as_soon_as_they_are_handled()
    {
        var (sold, released, saleOrder, cancelledOrder) = await HoldForASaleAndACancellationAsync(onHand: 8);

        // Both cached while held (the replicas' memory and Redis), once the reservations' own second removals are past,
        // so these copies stay until something drops them: the settling events must.
        await Task.Delay(2 * SettledRemovals.Interval + TimeSpan.FromMilliseconds(300));
        Assert.Equal((8, 3, 5), await ShownStockAsync(sold.Id));
        Assert.Equal((8, 2, 6), await ShownStockAsync(released.Id));

        await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(saleOrder));
        await Streams.WaitUntilHandledAsync(await Streams.CancelOrderAsync(cancelledOrder));

        // The replica that handled an event has dropped its copy when the event is acknowledged; the other drops its own
        // when the cache's backplane message arrives, milliseconds later. A copy never dropped would live 30 s.
        await WaitUntilShownAsync(sold.Id, (5, 0, 5));
        await WaitUntilShownAsync(released.Id, (8, 0, 8));
        Assert.Equal((5, 0), await StockDatabase.StockAsync(Db, sold.Id));
        Assert.Equal(
            new Dictionary<Guid, (int, string)> { [sold.Id] = (3, "committed") },
            await StockDatabase.ReservationsAsync(Db, saleOrder));
        Assert.Equal(
            new Dictionary<Guid, (int, string)> { [released.Id] = (2, "released") },
            await StockDatabase.ReservationsAsync(Db, cancelledOrder));
    }

    [Fact]
    public async Task Lines_for_the_same_product_are_reserved_together_as_one_reservation()
    {
        var (product, _) = await Api.CreateAsync(onHand: 4);
        var orderId = Guid.NewGuid();

        await Streams.PlaceOrderAsync(orderId, (product.Id, 1), (product.Id, 3));

        var reserved = await Streams.WaitForReservedAsync(orderId);
        var line = Assert.Single(reserved.Lines);
        Assert.Equal(4, line.Quantity);
        Assert.Equal((4, "reserved"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);
        Assert.Equal((4, 4), await StockDatabase.StockAsync(Db, product.Id));
    }

    [Fact]
    public async Task One_short_line_rejects_the_whole_order_and_holds_nothing()
    {
        var (plenty, _) = await Api.CreateAsync(onHand: 10);
        var (scarce, _) = await Api.CreateAsync(onHand: 3, name: "Scarce Teapot");
        var orderId = Guid.NewGuid();

        await Streams.PlaceOrderAsync(orderId, (plenty.Id, 1), (scarce.Id, 4));

        var rejected = await Streams.WaitForRejectedAsync(orderId);
        Assert.Contains(scarce.Id.ToString(), rejected.Reason);
        Assert.Contains("Scarce Teapot", rejected.Reason);
        Assert.Contains("requested 4, available 3", rejected.Reason);
        Assert.DoesNotContain(plenty.Id.ToString(), rejected.Reason);
        var shortage = Assert.Single(rejected.Shortages);
        Assert.Equal((scarce.Id.ToString(), 4, 3, false), (shortage.ProductId, shortage.Requested, shortage.Available, shortage.ProductMissing));

        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, plenty.Id));
        Assert.Equal((3, 0), await StockDatabase.StockAsync(Db, scarce.Id));
        Assert.Empty(await StockDatabase.ReservationsAsync(Db, orderId));
    }

    [Fact]
    public async Task Unknown_and_deleted_products_are_named_in_the_rejection()
    {
        var (kept, _) = await Api.CreateAsync(onHand: 10);
        var (deleted, _) = await Api.CreateAsync(onHand: 10, name: "Discontinued Kettle");
        using (var response = await Api.Http.DeleteAsync($"/products/{deleted.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var unknown = Guid.CreateVersion7();
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (kept.Id, 1), (deleted.Id, 1), (unknown, 2));

        var rejected = await Streams.WaitForRejectedAsync(orderId);
        Assert.Contains($"product {deleted.Id} (Discontinued Kettle) was deleted", rejected.Reason);
        Assert.Contains($"product {unknown} does not exist", rejected.Reason);
        Assert.Equal(
            new[] { deleted.Id.ToString(), unknown.ToString() }.Order(),
            rejected.Shortages.Where(s => s.ProductMissing).Select(s => s.ProductId).Order());
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, kept.Id));
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, deleted.Id));
    }

    [Fact]
    public async Task Lines_that_can_never_be_reserved_reject_the_order()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var zeroQuantity = Guid.NewGuid();
        var badProductId = Guid.NewGuid();
        var noLines = Guid.NewGuid();

        await Streams.PlaceOrderAsync(zeroQuantity, [(product.Id.ToString(), 0)]);
        await Streams.PlaceOrderAsync(badProductId, [("not-a-product-id", 1)]);
        await Streams.PlaceOrderAsync(noLines, []);

        Assert.Contains("quantity 0", (await Streams.WaitForRejectedAsync(zeroQuantity)).Reason);
        Assert.Contains("'not-a-product-id' does not exist", (await Streams.WaitForRejectedAsync(badProductId)).Reason);
        Assert.Contains("no lines", (await Streams.WaitForRejectedAsync(noLines)).Reason);
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
    }

    [Fact]
    public async Task A_redelivered_or_repeated_order_placed_reserves_once_and_answers_once()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        var eventId = Guid.CreateVersion7();

        // The same event twice (a redelivery), then the same order under a new event id (a repeated publish).
        await Streams.PlaceOrderAsync(orderId, [(product.Id.ToString(), 3)], eventId);
        await Streams.PlaceOrderAsync(orderId, [(product.Id.ToString(), 3)], eventId);
        var repeated = await Streams.PlaceOrderAsync(orderId, [(product.Id.ToString(), 3)]);

        await Streams.WaitForReservedAsync(orderId);
        await Streams.WaitUntilHandledAsync(repeated);
        Assert.Single(await Streams.AnswersAsync(orderId));
        Assert.Equal((10, 3), await StockDatabase.StockAsync(Db, product.Id));
    }

    [Fact]
    public async Task Completion_turns_the_reservation_into_a_sale_once()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (product.Id, 4));
        await Streams.WaitForReservedAsync(orderId);

        var completed = await Streams.CompleteOrderAsync(orderId);
        await Streams.PublishAsync(StreamNames.Orders, new OrderCompleted { OrderId = orderId.ToString() }, completed.Id);
        var again = await Streams.CompleteOrderAsync(orderId);
        await Streams.WaitUntilHandledAsync(again);

        Assert.Equal((6, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal((4, "committed"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);

        // A cancellation after the sale changes nothing: only a refund brings the units back.
        var cancelled = await Streams.CancelOrderAsync(orderId);
        await Streams.WaitUntilHandledAsync(cancelled);
        Assert.Equal((6, 0), await StockDatabase.StockAsync(Db, product.Id));
    }

    [Fact]
    public async Task Cancellation_releases_the_reservation_once_and_a_late_completion_sells_nothing()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (product.Id, 4));
        await Streams.WaitForReservedAsync(orderId);

        await Streams.CancelOrderAsync(orderId);
        var again = await Streams.CancelOrderAsync(orderId);
        await Streams.WaitUntilHandledAsync(again);
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal((4, "released"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);

        var late = await Streams.CompleteOrderAsync(orderId);
        await Streams.WaitUntilHandledAsync(late);
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal((4, "released"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);
    }

    [Fact]
    public async Task A_refund_restocks_the_sold_units_once()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (product.Id, 4));
        await Streams.WaitForReservedAsync(orderId);
        await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(orderId));
        Assert.Equal((6, 0), await StockDatabase.StockAsync(Db, product.Id));

        var refunded = await Streams.RefundPaymentAsync(orderId);
        await Streams.PublishAsync(StreamNames.Payments, new PaymentRefunded { OrderId = orderId.ToString() }, refunded.Id);
        var again = await Streams.RefundPaymentAsync(orderId);
        await Streams.WaitUntilHandledAsync(again);

        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal((4, "restocked"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);
    }

    /// <summary>
    /// The refund comes on mart.payments and the sale on mart.orders, read by two consumers: a Products that lags on
    /// mart.orders handles the refund first. Whichever comes first, the units end up back where they were.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refund_gives_the_units_back_whether_it_is_handled_before_or_after_the_sale(bool refundFirst)
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (product.Id, 4));
        await Streams.WaitForReservedAsync(orderId);

        if (refundFirst)
        {
            await Streams.WaitUntilHandledAsync(await Streams.RefundPaymentAsync(orderId));
            await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(orderId));
        }
        else
        {
            await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(orderId));
            await Streams.WaitUntilHandledAsync(await Streams.RefundPaymentAsync(orderId));
        }

        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Equal((4, "restocked"), (await StockDatabase.ReservationsAsync(Db, orderId))[product.Id]);
    }

    [Fact]
    public async Task Events_for_orders_never_placed_change_nothing_and_are_not_dead_lettered()
    {
        var orderId = Guid.NewGuid();
        var before = await StockDatabase.ScalarAsync(Db, "SELECT coalesce(sum(on_hand) * 1000003 + sum(reserved), 0) FROM products");

        await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(orderId));
        await Streams.WaitUntilHandledAsync(await Streams.RefundPaymentAsync(orderId));
        await Streams.WaitUntilHandledAsync(await Streams.CancelOrderAsync(orderId));

        Assert.Equal(before, await StockDatabase.ScalarAsync(Db, "SELECT coalesce(sum(on_hand) * 1000003 + sum(reserved), 0) FROM products"));
        Assert.Empty(await StockDatabase.ReservationsAsync(Db, orderId));
        Assert.Equal(0, await Streams.DeadLettersForAsync(StreamNames.Orders, orderId));
        Assert.Equal(0, await Streams.DeadLettersForAsync(StreamNames.Payments, orderId));
    }

    [Fact]
    public async Task An_order_placed_after_its_cancellation_holds_no_stock()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();

        await Streams.WaitUntilHandledAsync(await Streams.CancelOrderAsync(orderId));
        await Streams.WaitUntilHandledAsync(await Streams.PlaceOrderAsync(orderId, (product.Id, 2)));

        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, product.Id));
        Assert.Empty(await StockDatabase.ReservationsAsync(Db, orderId));
        Assert.Empty(await Streams.AnswersAsync(orderId));
    }

    [Fact]
    public async Task Reservations_of_a_product_deleted_afterwards_still_settle()
    {
        var (sold, released, saleOrder, cancelledOrder) = await HoldForASaleAndACancellationAsync(onHand: 10);

        foreach (var id in new[] { sold.Id, released.Id })
        {
            using var response = await Api.Http.DeleteAsync($"/products/{id}");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await Streams.WaitUntilHandledAsync(await Streams.CompleteOrderAsync(saleOrder));
        await Streams.WaitUntilHandledAsync(await Streams.CancelOrderAsync(cancelledOrder));
        Assert.Equal((7, 0), await StockDatabase.StockAsync(Db, sold.Id));
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, released.Id));

        await Streams.WaitUntilHandledAsync(await Streams.RefundPaymentAsync(saleOrder));
        Assert.Equal((10, 0), await StockDatabase.StockAsync(Db, sold.Id));
    }

    [Fact]
    public async Task Stock_cannot_be_adjusted_below_what_orders_hold()
    {
        var (product, _) = await Api.CreateAsync(onHand: 10);
        var orderId = Guid.NewGuid();
        await Streams.PlaceOrderAsync(orderId, (product.Id, 6));
        await Streams.WaitForReservedAsync(orderId);

        using (var tooMuch = await Api.AdjustStockAsync(product.Id, -5, "write-off"))
        {
            var problem = await ProblemAssert.IsAsync(tooMuch, HttpStatusCode.Conflict);
            Assert.Contains("6 reserved", problem.GetProperty("detail").GetString());
        }

        using (var exact = await Api.AdjustStockAsync(product.Id, -4, "write-off"))
        {
            Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        }

        Assert.Equal((6, 6), await StockDatabase.StockAsync(Db, product.Id));
        var (shown, _) = await Api.GetAsync(product.Id);
        Assert.Equal((6, 6, 0), (shown.OnHand, shown.Reserved, shown.Available));
    }

    /// <summary>Two products with <paramref name="onHand"/> units each; an order holds 3 of the first, another 2 of the second.</summary>
    private async Task<(ProductJson Sold, ProductJson Released, Guid SaleOrder, Guid CancelledOrder)> HoldForASaleAndACancellationAsync(int onHand)
    {
        var (sold, _) = await Api.CreateAsync(onHand: onHand);
        var (released, _) = await Api.CreateAsync(onHand: onHand);
        var saleOrder = Guid.NewGuid();
        var cancelledOrder = Guid.NewGuid();
        await Streams.PlaceOrderAsync(saleOrder, (sold.Id, 3));
        await Streams.PlaceOrderAsync(cancelledOrder, (released.Id, 2));
        await Streams.WaitForReservedAsync(saleOrder);
        await Streams.WaitForReservedAsync(cancelledOrder);
        return (sold, released, saleOrder, cancelledOrder);
    }

    private async Task<(int OnHand, int Reserved, int Available)> ShownStockAsync(Guid id)
    {
        var (shown, _) = await Api.GetAsync(id);
        return (shown.OnHand, shown.Reserved, shown.Available);
    }

    private async Task WaitUntilShownAsync(Guid id, (int OnHand, int Reserved, int Available) expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (await ShownStockAsync(id) is var shown && shown != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"GET /products/{id} still shows {shown}, not {expected}.");
            await Task.Delay(20);
        }
    }
}
