using System.Globalization;
using Google.Protobuf;
using Mart.Contracts;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using StackExchange.Redis;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>
/// Talks to the system's Redis streams the way another service would: publishes events with the envelope of
/// docs/architecture.md (Events) (as Orders and Payments do) and reads what Products publishes on <c>mart.products</c>.
/// </summary>
public sealed class EventStreams(TestRedis redis) : IAsyncDisposable
{
    /// <summary>Products' consumer group (its service name).</summary>
    public const string ConsumerGroup = "products";

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<IMessage>> answersByOrder = [];
    private readonly List<(string Type, IMessage Message)> productEvents = [];
    private string lastSeen = "0-0";

    public static EventStreams Connect(string redisConnectionString) =>
        new(TestRedis.ConnectAsync(redisConnectionString, "mart-tests-products").GetAwaiter().GetResult());

    public IDatabase Redis => redis.Database;

    /// <summary>Adds <paramref name="message"/> to <paramref name="stream"/> under event id <paramref name="id"/> (a new one when null).</summary>
    public async Task<PublishedEvent> PublishAsync(string stream, IMessage message, Guid? id = null)
    {
        var envelope = new EventEnvelope(
            id ?? Guid.CreateVersion7(),
            EventTypeRegistry.Default.GetTypeName(message.GetType()),
            message.ToByteArray(),
            TraceParent: null,
            Source: stream == StreamNames.Payments ? "payments" : "orders",
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var entryId = await redis.Database.StreamAddAsync(stream, envelope.ToFields());
        return new PublishedEvent(stream, envelope.Id, entryId.ToString());
    }

    public Task<PublishedEvent> PlaceOrderAsync(Guid orderId, params (Guid ProductId, int Quantity)[] lines) =>
        PlaceOrderAsync(orderId, lines.Select(line => (line.ProductId.ToString(), line.Quantity)).ToArray());

    public Task<PublishedEvent> PlaceOrderAsync(Guid orderId, (string ProductId, int Quantity)[] lines, Guid? eventId = null)
    {
        var placed = new OrderPlaced { OrderId = orderId.ToString(), CustomerId = "customer-" + orderId.ToString("N")[..8] };
        foreach (var (productId, quantity) in lines)
        {
            placed.Lines.Add(new OrderLine
            {
                ProductId = productId,
                ProductName = "line",
                Quantity = quantity,
                UnitPrice = Money.FromDecimal(1m, "EUR"),
                LineTotal = Money.FromDecimal(quantity, "EUR"),
            });
        }

        return PublishAsync(StreamNames.Orders, placed, eventId);
    }

    public Task<PublishedEvent> CompleteOrderAsync(Guid orderId, Guid? eventId = null) =>
        PublishAsync(StreamNames.Orders, new OrderCompleted { OrderId = orderId.ToString(), PaymentId = Guid.NewGuid().ToString() }, eventId);

    public Task<PublishedEvent> CancelOrderAsync(Guid orderId, Guid? eventId = null) =>
        PublishAsync(StreamNames.Orders, new OrderCancelled { OrderId = orderId.ToString(), Reason = "test" }, eventId);

    public Task<PublishedEvent> RefundPaymentAsync(Guid orderId, Guid? eventId = null) =>
        PublishAsync(StreamNames.Payments, new PaymentRefunded
        {
            PaymentId = Guid.NewGuid().ToString(),
            OrderId = orderId.ToString(),
            Amount = Money.FromDecimal(1m, "EUR"),
            GatewayReference = "test",
        }, eventId);

    /// <summary>
    /// Waits until the consumer group (Products' unless named) has handled the entry: delivered (the group's last
    /// delivered id is at or past it) and acknowledged (no longer pending). Lets a test assert that an event changed nothing.
    /// </summary>
    public async Task WaitUntilHandledAsync(PublishedEvent published, TimeSpan? within = null, string consumerGroup = ConsumerGroup)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var groups = await redis.Database.StreamGroupInfoAsync(published.Stream);
            var group = groups.SingleOrDefault(g => g.Name == consumerGroup);
            if (group.Name is not null && CompareIds(group.LastDeliveredId ?? "0-0", published.EntryId) >= 0)
            {
                var pending = await redis.Database.StreamPendingMessagesAsync(
                    published.Stream, consumerGroup, 1, RedisValue.Null, published.EntryId, published.EntryId);
                if (pending.Length == 0)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {consumerGroup} group did not handle {published.Stream} entry {published.EntryId}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The first stock.reserved or stock.rejected Products published for the order.</summary>
    public async Task<IMessage> WaitForAnswerAsync(Guid orderId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await ReadNewAsync();
            lock (gate)
            {
                if (answersByOrder.TryGetValue(orderId, out var answers))
                {
                    return answers[0];
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Products did not answer order.placed of {orderId}.");
            }

            await Task.Delay(50);
        }
    }

    public async Task<StockReserved> WaitForReservedAsync(Guid orderId) =>
        Assert.IsType<StockReserved>(await WaitForAnswerAsync(orderId));

    public async Task<StockRejected> WaitForRejectedAsync(Guid orderId) =>
        Assert.IsType<StockRejected>(await WaitForAnswerAsync(orderId));

    /// <summary>Every answer published for the order so far (after reading the stream up to now).</summary>
    public async Task<IReadOnlyList<IMessage>> AnswersAsync(Guid orderId)
    {
        await ReadNewAsync();
        lock (gate)
        {
            return answersByOrder.TryGetValue(orderId, out var answers) ? [.. answers] : [];
        }
    }

    /// <summary>The product.* events published so far about <paramref name="productId"/>, as type names.</summary>
    public async Task<IReadOnlyList<string>> ProductEventTypesAsync(Guid productId)
    {
        await ReadNewAsync();
        var id = productId.ToString();
        lock (gate)
        {
            return [.. productEvents.Where(e => e.Message switch
            {
                ProductCreated created => created.ProductId == id,
                ProductUpdated updated => updated.ProductId == id,
                ProductDeleted deleted => deleted.ProductId == id,
                _ => false,
            }).Select(e => e.Type)];
        }
    }

    /// <summary>Entries dead-lettered from <paramref name="stream"/> whose data mentions <paramref name="orderId"/>.</summary>
    public async Task<int> DeadLettersForAsync(string stream, Guid orderId)
    {
        var entries = await redis.StreamRangeAsync(StreamNames.DeadLetters(stream));
        var id = orderId.ToString();
        return entries.Count(entry => entry.Fields.TryGetValue(EventFields.Data, out var data)
            && System.Text.Encoding.UTF8.GetString(data).Contains(id, StringComparison.Ordinal));
    }

    private static int CompareIds(string left, string right)
    {
        static (long Ms, long Seq) Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return (long.Parse(id[..dash], CultureInfo.InvariantCulture), long.Parse(id[(dash + 1)..], CultureInfo.InvariantCulture));
        }

        return Parse(left).CompareTo(Parse(right));
    }

    private async Task ReadNewAsync()
    {
        while (true)
        {
            var entries = await redis.StreamRangeAsync(StreamNames.Products, "(" + lastSeen, "+", 500);
            if (entries.Count == 0)
            {
                return;
            }

            lock (gate)
            {
                foreach (var entry in entries)
                {
                    Record(entry);
                }

                lastSeen = entries[^1].Id;
            }
        }
    }

    private void Record(EventStreamEntry entry)
    {
        if (!EventEnvelope.TryParse(entry, out var envelope, out _))
        {
            return;
        }

        var message = EventTypeRegistry.Default.Parse(envelope!);
        var orderId = message switch
        {
            StockReserved reserved => reserved.OrderId,
            StockRejected rejected => rejected.OrderId,
            _ => null,
        };
        if (orderId is null)
        {
            productEvents.Add((envelope!.Type, message));
            return;
        }

        var key = Guid.Parse(orderId, CultureInfo.InvariantCulture);
        if (!answersByOrder.TryGetValue(key, out var answers))
        {
            answers = [];
            answersByOrder[key] = answers;
        }

        answers.Add(message);
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();
}
