extern alias OrdersService;

using OrdersService::Mart.Orders.Apis;

namespace Mart.Tests.Unit.Orders;

public sealed class OrderApiHelpersTests
{
    [Fact]
    public void A_cursor_survives_the_round_trip()
    {
        var cursor = new OrderCursor(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1230), Guid.CreateVersion7());

        Assert.True(OrderCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    [InlineData("__________________________________")]
    public void Garbage_is_not_a_cursor(string text) => Assert.False(OrderCursor.TryDecode(text, out _));

    [Fact]
    public void The_fingerprint_depends_on_content_not_on_formatting()
    {
        var product = Guid.NewGuid();
        var first = new PlaceOrderRequest { Currency = "EUR", PaymentToken = "tok", Items = [new PlaceOrderItem { ProductId = product, Quantity = 1 }] };
        var same = first with { Items = [new PlaceOrderItem { ProductId = product, Quantity = 1 }] };
        var other = first with { Items = [new PlaceOrderItem { ProductId = product, Quantity = 2 }] };

        Assert.Equal(RequestFingerprint.Of(first), RequestFingerprint.Of(same));
        Assert.NotEqual(RequestFingerprint.Of(first), RequestFingerprint.Of(other));
        Assert.NotEqual(RequestFingerprint.Of(first), RequestFingerprint.Of(first with { PaymentToken = "tok_decline" }));
    }

    [Theory]
    [InlineData("order-2025-0001", true)]
    [InlineData("8e3a9c1e-6d7b-4c59-9b49-0c5d2f6f0a11", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("naïve", false)]
    public void Idempotency_keys_are_visible_ascii(string key, bool valid) =>
        Assert.Equal(valid, RequestFingerprint.IsValidKey(key));

    [Fact]
    public void An_idempotency_key_has_at_most_200_characters()
    {
        Assert.True(RequestFingerprint.IsValidKey(new string('k', 200)));
        Assert.False(RequestFingerprint.IsValidKey(new string('k', 201)));
    }
}
