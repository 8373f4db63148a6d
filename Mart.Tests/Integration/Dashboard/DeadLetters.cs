using System.Globalization;
using System.Text;
using Google.Protobuf;
using Mart.Contracts;
using Mart.ServiceDefaults.Messaging;
using Mart.ServiceDefaults.Redis;

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
    public static async Task<(string EntryId, Guid EventId)> WriteOrderPlacedAsync(IRedisCommands redis, string orderId, string traceParent)
    {
        var eventId = Guid.CreateVersion7();
        var occurred = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var fields = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>
        {
            Text(EventFields.Id, eventId.ToString("D")),
            Text(EventFields.Type, "order.placed.v1"),
            new(EventFields.Data, SampleOrder(orderId).ToByteArray()),
            Text(EventFields.TraceParent, traceParent),
            Text(EventFields.Source, "orders"),
            Text(EventFields.Occurred, occurred.ToString(CultureInfo.InvariantCulture)),
            Text(EventFields.Error, "InvalidOperationException: product p-1 is unknown"),
            Text(EventFields.Attempts, "5"),
            Text(EventFields.ConsumerGroup, "products"),
            Text(EventFields.OriginalStream, StreamNames.Orders),
            Text(EventFields.OriginalEntryId, $"{occurred}-0"),
            Text(EventFields.FailedAt, (occurred + 1000).ToString(CultureInfo.InvariantCulture)),
        };
        var entryId = await redis.StreamAddAsync(StreamNames.DeadLetters(StreamNames.Orders), fields);
        return (entryId, eventId);
    }

    private static KeyValuePair<string, ReadOnlyMemory<byte>> Text(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
