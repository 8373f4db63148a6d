using Mart.AppHost.Events;
using Mart.Messaging;
using Mart.Tests.EndToEnd.Products;
using Mart.Tests.Infrastructure;
using StackExchange.Redis;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>An order.awaiting-payment that reaches Payments after the order's cancellation records no payment.</summary>
[Collection("orderflow")]
public sealed class CancelledOrderPaymentTests(OrderFlowFixture fixture)
{
    private const string PaymentsGroup = "payments";

    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_dead_letter_replay_of_order_awaiting_payment_for_a_cancelled_order_charges_nothing()
    {
        await using var streams = EventStreams.Connect((await fixture.App.GetConnectionStringAsync("redis"))!);
        var product = await Client.CreateProductAsync(onHand: 5);
        var token = "tok_replay_" + Guid.NewGuid().ToString("N")[..12];

        // Payments cannot record this order's payment: its order.awaiting-payment fails every attempt and is dead-lettered.
        OrderJson order;
        Guid deadLetter;
        await using (await WriteRefusal.ArmAsync(Client.PaymentsDb, "payments", "INSERT", $"NEW.payment_token = '{token}'"))
        {
            order = await Client.PlaceAsync(Client.Customer, token, (product.Id, 1));
            await Client.WaitForStatusAsync(order.Id, "awaiting_payment");
            deadLetter = await WaitForDeadLetterAsync(streams.Redis, order.Id);

            // The customer gives up waiting; Payments sees the cancellation while it has no payment for the order.
            Assert.Equal("cancelled", (await Client.CancelAsync(order.Id)).Status);
            var cancelled = await EntryAsync(streams.Redis, "order.cancelled.v1", order.Id);
            await streams.WaitUntilHandledAsync(cancelled, consumerGroup: PaymentsGroup);
        }

        // The operator replays the dead letters once Payments is mended: the entry comes back at the end of the stream.
        var replay = await fixture.App.ResourceCommands.ExecuteCommandAsync("mart-orders", EventStreamBuilderExtensions.ReplayCommand);
        Assert.True(replay.Success, replay.Message);
        var replayed = await ReplayedAsync(streams.Redis, deadLetter);
        await streams.WaitUntilHandledAsync(replayed, consumerGroup: PaymentsGroup);

        Assert.Empty(await Client.PaymentsOfAsync(order.Id));
        Assert.Equal("cancelled", (await Client.GetOrderAsync(order.Id)).Status);
        await Client.WaitForStockAsync(product.Id, onHand: 5, reserved: 0);
    }

    private static async Task<Guid> WaitForDeadLetterAsync(IDatabase redis, Guid orderId)
    {
        var deadline = DateTime.UtcNow + OrderFlowClient.FlowTimeout;
        while (true)
        {
            var entries = await redis.StreamRangeAsync(StreamNames.DeadLetters(StreamNames.Orders));
            if (entries.Select(EventStreamEntry.From).FirstOrDefault(e => Is(e, "order.awaiting-payment.v1", orderId)) is { } entry)
            {
                return Guid.Parse(entry.GetString(EventFields.Id)!);
            }

            Assert.True(DateTime.UtcNow < deadline, $"order.awaiting-payment of {orderId} was not dead-lettered.");
            await Task.Delay(100);
        }
    }

    /// <summary>The newest entry of <c>mart.orders</c> of <paramref name="type"/> about the order (Orders publishes it on commit).</summary>
    private static async Task<PublishedEvent> EntryAsync(IDatabase redis, string type, Guid orderId)
    {
        var deadline = DateTime.UtcNow + OrderFlowClient.FlowTimeout;
        while (true)
        {
            var entries = await redis.StreamRangeAsync(StreamNames.Orders, "-", "+", 500, Order.Descending);
            if (entries.Select(EventStreamEntry.From).FirstOrDefault(e => Is(e, type, orderId)) is { } entry)
            {
                return new PublishedEvent(StreamNames.Orders, Guid.Parse(entry.GetString(EventFields.Id)!), entry.Id);
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {type} for order {orderId} on {StreamNames.Orders}.");
            await Task.Delay(100);
        }
    }

    private static async Task<PublishedEvent> ReplayedAsync(IDatabase redis, Guid eventId)
    {
        // The original entry and its replay carry the same event id; the replay is the later one.
        var copies = await Integration.EventStreams.DeadLetterEntries.WithEventIdAsync(redis, StreamNames.Orders, eventId);
        Assert.Equal(2, copies.Count);
        return new PublishedEvent(StreamNames.Orders, eventId, copies[^1].Id!);
    }

    private static bool Is(EventStreamEntry entry, string type, Guid orderId) =>
        entry.GetString(EventFields.Type) == type
        && entry.GetString(EventFields.Data) is { } data
        && data.Contains(orderId.ToString(), StringComparison.Ordinal);
}
