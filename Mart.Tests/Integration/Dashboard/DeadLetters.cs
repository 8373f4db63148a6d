using Google.Protobuf;
using Mart.Contracts;
using Mart.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>Writes a dead letter the way a consumer does (DESIGN.md section 5): the event's fields plus why it failed.</summary>
internal static class DeadLetters
{
    public static OrderPlaced SampleOrder(string orderId) => new()
    {
        OrderId = orderId,
        CustomerId = "customer-17",
        Lines = { new OrderLine { ProductId = "p-1", ProductName = "Espresso beans", Quantity = 2, UnitPrice = Money.FromDecimal(9.5m, "EUR"), LineTotal = Money.FromDecimal(19m, "EUR") } },
        Subtotal = Money.FromDecimal(19m, "EUR"),
        Fee = Money.FromDecimal(3.8m, "EUR"),
        Total = Money.FromDecimal(22.8m, "EUR"),
    };

    /// <summary>Adds an <c>order.placed.v1</c> dead letter to <c>mart.orders.dlq</c>; returns its entry id and the event id.</summary>
    public static async Task<(string EntryId, Guid EventId)> WriteOrderPlacedAsync(IDatabaseAsync redis, string orderId, string traceParent)
    {
        var eventId = Guid.CreateVersion7();
        var occurred = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        NameValueEntry[] fields =
        [
            new(EventFields.Id, eventId.ToString("D")),
            new(EventFields.Type, "order.placed.v1"),
            new(EventFields.Data, SampleOrder(orderId).ToByteArray()),
            new(EventFields.TraceParent, traceParent),
            new(EventFields.Source, "orders"),
            new(EventFields.Occurred, occurred),
            new(EventFields.Error, "InvalidOperationException: product p-1 is unknown"),
            new(EventFields.Attempts, 5),
            new(EventFields.ConsumerGroup, "products"),
            new(EventFields.OriginalStream, StreamNames.Orders),
            new(EventFields.OriginalEntryId, $"{occurred}-0"),
            new(EventFields.FailedAt, occurred + 1000),
        ];
        var entryId = await redis.StreamAddAsync(StreamNames.DeadLetters(StreamNames.Orders), fields);
        return (entryId.ToString(), eventId);
    }
}
