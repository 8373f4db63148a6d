using Google.Protobuf;
using Google.Protobuf.Reflection;
using Mart.Contracts;
using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class EventTypeRegistryTests
{
    public static TheoryData<string, Type> Catalog => new()
    {
        { "product.created.v1", typeof(ProductCreated) },
        { "product.updated.v1", typeof(ProductUpdated) },
        { "product.deleted.v1", typeof(ProductDeleted) },
        { "stock.reserved.v1", typeof(StockReserved) },
        { "stock.rejected.v1", typeof(StockRejected) },
        { "order.placed.v1", typeof(OrderPlaced) },
        { "order.awaiting-payment.v1", typeof(OrderAwaitingPayment) },
        { "order.completed.v1", typeof(OrderCompleted) },
        { "order.cancelled.v1", typeof(OrderCancelled) },
        { "order.refund-requested.v1", typeof(OrderRefundRequested) },
        { "payment.succeeded.v1", typeof(PaymentSucceeded) },
        { "payment.failed.v1", typeof(PaymentFailed) },
        { "payment.refunded.v1", typeof(PaymentRefunded) },
        { "market.quote-updated.v1", typeof(QuoteUpdated) },
        { "market.profile-updated.v1", typeof(CompanyProfileUpdated) },
        { "market.news-published.v1", typeof(NewsPublished) },
        { "market.forex-updated.v1", typeof(ForexUpdated) },
        { "market.crypto-updated.v1", typeof(CryptoUpdated) },
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Every_catalog_event_maps_both_ways(string typeName, Type clrType)
    {
        var registry = EventTypeRegistry.Default;

        Assert.Equal(typeName, registry.GetTypeName(clrType));
        Assert.True(registry.TryGetDescriptor(typeName, out var descriptor));
        Assert.Equal(clrType, descriptor!.ClrType);
    }

    [Fact]
    public void The_catalog_holds_exactly_the_v1_events()
    {
        Assert.Equal(Catalog.Select(row => (string)row[0]).Order(), EventTypeRegistry.Default.TypeNames.Order());
    }

    [Fact]
    public void Parse_by_type_name_restores_the_message()
    {
        var placed = new OrderPlaced
        {
            OrderId = Guid.CreateVersion7().ToString(),
            CustomerId = "c-1",
            Lines = { new OrderLine { ProductId = "p-1", ProductName = "Tea", Quantity = 3, UnitPrice = Money.FromDecimal(2.50m, "EUR"), LineTotal = Money.FromDecimal(7.50m, "EUR") } },
            Subtotal = Money.FromDecimal(7.50m, "EUR"),
            Fee = Money.FromDecimal(1.50m, "EUR"),
            Total = Money.FromDecimal(9.00m, "EUR"),
        };

        var parsed = EventTypeRegistry.Default.Parse("order.placed.v1", placed.ToByteArray());

        Assert.Equal(placed, Assert.IsType<OrderPlaced>(parsed));
    }

    [Fact]
    public void Unknown_type_name_is_refused()
    {
        var ex = Assert.Throws<UnknownEventTypeException>(() => EventTypeRegistry.Default.Parse("order.teleported.v1", ReadOnlySpan<byte>.Empty));
        Assert.Equal("order.teleported.v1", ex.TypeName);
        Assert.False(EventTypeRegistry.Default.TryGetDescriptor("order.teleported.v1", out _));
    }

    [Fact]
    public void Message_without_event_type_has_no_name()
    {
        Assert.Throws<ArgumentException>(() => EventTypeRegistry.Default.GetTypeName(typeof(Money)));
        Assert.False(EventTypeRegistry.Default.TryGetTypeName(typeof(OrderLine), out _));
    }

    [Fact]
    public void One_name_for_two_messages_is_refused()
    {
        KeyValuePair<string, MessageDescriptor>[] clash =
        [
            new("thing.happened.v1", ProductCreated.Descriptor),
            new("thing.happened.v1", ProductUpdated.Descriptor),
        ];

        var ex = Assert.Throws<InvalidOperationException>(() => EventTypeRegistry.FromTypes(clash));
        Assert.Contains("thing.happened.v1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_bytes_fail_to_parse()
    {
        Assert.Throws<InvalidProtocolBufferException>(() => EventTypeRegistry.Default.Parse("order.placed.v1", new byte[] { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f }));
    }
}
