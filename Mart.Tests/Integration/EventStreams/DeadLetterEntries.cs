using System.Globalization;
using Google.Protobuf;
using Mart.Contracts;
using Mart.Messaging;
using StackExchange.Redis;

namespace Mart.Tests.Integration.EventStreams;

/// <summary>Events and dead letters written the way the services write them (docs/architecture.md (Events)).</summary>
internal static class DeadLetterEntries
{
    public static readonly string[] DeadLetterOnlyFields =
    [
        EventFields.Error, EventFields.Attempts, EventFields.ConsumerGroup,
        EventFields.OriginalStream, EventFields.OriginalEntryId, EventFields.FailedAt,
    ];

    public static NameValueEntry[] OrderPlaced(Guid eventId, string orderId) =>
    [
        new(EventFields.Id, eventId.ToString("D")),
        new(EventFields.Type, "order.placed.v1"),
        new(EventFields.Data, new OrderPlaced { OrderId = orderId, CustomerId = "customer-dead-letter" }.ToByteArray()),
        new(EventFields.TraceParent, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        new(EventFields.Source, "orders"),
        new(EventFields.Occurred, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Adds a dead letter of an <c>order.placed.v1</c> to <c>&lt;stream&gt;.dlq</c>; returns its entry id.</summary>
    public static async Task<string> WriteAsync(IDatabase redis, string stream, Guid eventId, string orderId, string group = "products")
    {
        NameValueEntry[] fields =
        [
            .. OrderPlaced(eventId, orderId),
            new(EventFields.Error, "InvalidOperationException: the handler kept failing"),
            new(EventFields.Attempts, "5"),
            new(EventFields.ConsumerGroup, group),
            new(EventFields.OriginalStream, stream),
            new(EventFields.OriginalEntryId, "1700000000000-0"),
            new(EventFields.FailedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        ];
        return (await redis.StreamAddAsync(StreamNames.DeadLetters(stream), fields))!;
    }

    /// <summary>The entries of <paramref name="stream"/> that carry the given event id.</summary>
    public static async Task<List<StreamEntry>> WithEventIdAsync(IDatabase redis, string stream, Guid eventId) =>
        [.. (await redis.StreamRangeAsync(stream)).Where(e => e[EventFields.Id] == eventId.ToString("D"))];
}
