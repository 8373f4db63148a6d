using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class MessageIdsTests
{
    private static readonly DateTimeOffset Start = new(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_are_uuid_v7_with_the_clock_millisecond()
    {
        var ids = new MessageIds(new ManualTimeProvider(Start));

        var id = ids.Next();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        Assert.Equal(Start.ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void Ids_in_one_millisecond_still_increase_in_byte_order()
    {
        // PostgreSQL orders uuid by its bytes, so that is the order the relay publishes in.
        var ids = new MessageIds(new ManualTimeProvider(Start));

        var generated = Enumerable.Range(0, 10_000).Select(_ => ids.Next().ToByteArray(bigEndian: true)).ToList();

        for (var i = 1; i < generated.Count; i++)
        {
            Assert.True(generated[i - 1].AsSpan().SequenceCompareTo(generated[i]) < 0, $"id {i} does not sort after id {i - 1}");
        }
    }

    [Fact]
    public void A_clock_going_back_does_not_make_ids_go_back()
    {
        var clock = new ManualTimeProvider(Start);
        var ids = new MessageIds(clock);

        var before = ids.Next();
        clock.Advance(TimeSpan.FromSeconds(-5));
        var after = ids.Next();

        Assert.True(before.CompareTo(after) < 0);
    }
}
