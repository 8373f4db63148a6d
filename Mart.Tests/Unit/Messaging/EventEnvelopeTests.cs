using System.Text;
using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class EventEnvelopeTests
{
    private static readonly Guid Id = Guid.Parse("01936b2e-7c4a-7d3e-9f10-123456789abc");

    [Fact]
    public void Fields_round_trip_to_an_equal_envelope()
    {
        var original = new EventEnvelope(Id, "order.placed.v1", new byte[] { 0x0a, 0x03, 0x61, 0x62, 0x63, 0x00, 0xff }, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "orders", 1_732_000_000_123);

        var parsed = Parse(original);

        Assert.Equal(original.Id, parsed.Id);
        Assert.Equal(original.Type, parsed.Type);
        Assert.Equal(original.Data.ToArray(), parsed.Data.ToArray());
        Assert.Equal(original.TraceParent, parsed.TraceParent);
        Assert.Equal(original.Source, parsed.Source);
        Assert.Equal(original.Occurred, parsed.Occurred);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_732_000_000_123), parsed.OccurredAt);
    }

    [Fact]
    public void Fields_are_the_six_of_the_design_in_order()
    {
        var envelope = new EventEnvelope(Id, "stock.reserved.v1", new byte[] { 1 }, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "products", 42);

        var fields = envelope.ToFields().ToList();

        Assert.Equal(["id", "type", "data", "traceparent", "source", "occurred"], fields.Select(field => field.Name.ToString()));
        Assert.Equal(Id.ToString(), fields[0].Value.ToString());
        Assert.Equal("42", fields[5].Value.ToString());
    }

    [Fact]
    public void Missing_traceparent_is_left_out_and_reads_back_as_null()
    {
        var envelope = new EventEnvelope(Id, "product.deleted.v1", ReadOnlyMemory<byte>.Empty, null, "products", 7);

        var fields = envelope.ToFields().ToList();
        var parsed = Parse(envelope);

        Assert.DoesNotContain(fields, field => field.Name == EventFields.TraceParent);
        Assert.Null(parsed.TraceParent);
        Assert.Empty(parsed.Data.ToArray());
    }

    [Theory]
    [InlineData("id", "not-a-guid", "id")]
    [InlineData("occurred", "12x", "occurred")]
    [InlineData("occurred", "", "occurred")]
    [InlineData("type", "", "type")]
    public void Malformed_field_is_rejected_with_its_name(string field, string value, string expectedInError)
    {
        var fields = ToDictionary(new EventEnvelope(Id, "order.placed.v1", new byte[] { 1 }, null, "orders", 1));
        fields[field] = Encoding.UTF8.GetBytes(value);

        var ok = EventEnvelope.TryParse(fields, out var envelope, out var error);

        Assert.False(ok);
        Assert.Null(envelope);
        Assert.Contains(expectedInError, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("type")]
    [InlineData("data")]
    [InlineData("occurred")]
    public void Missing_required_field_is_rejected(string field)
    {
        var fields = ToDictionary(new EventEnvelope(Id, "order.placed.v1", new byte[] { 1 }, null, "orders", 1));
        fields.Remove(field);

        Assert.False(EventEnvelope.TryParse(fields, out _, out var error));
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    private static EventEnvelope Parse(EventEnvelope envelope)
    {
        Assert.True(EventEnvelope.TryParse(ToDictionary(envelope), out var parsed, out var error), error);
        return parsed!;
    }

    private static Dictionary<string, byte[]> ToDictionary(EventEnvelope envelope) =>
        envelope.ToFields().ToDictionary(field => field.Name.ToString(), field => (byte[])field.Value!);
}
