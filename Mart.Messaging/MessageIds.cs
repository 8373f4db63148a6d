using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mart.Messaging;

/// <summary>UUID v7 (RFC 9562) ids for outbox rows that increase strictly within this process.</summary>
/// <remarks>
/// The relay publishes in id order, and <see cref="Guid.CreateVersion7()"/> orders one millisecond's ids randomly, so
/// <c>rand_a</c> is a counter here (RFC 9562 section 6.2, method 1); on overflow the timestamp advances.
/// </remarks>
public sealed class MessageIds(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private long lastMilliseconds = -1;
    private int counter;

    /// <summary>A new id, greater than every id this instance returned before.</summary>
    public Guid Next()
    {
        long milliseconds;
        int sequence;
        lock (gate)
        {
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (now > lastMilliseconds)
            {
                lastMilliseconds = now;
                counter = RandomNumberGenerator.GetInt32(0, 2048);
            }
            else if (++counter > 0xFFF)
            {
                lastMilliseconds++;
                counter = 0;
            }

            milliseconds = lastMilliseconds;
            sequence = counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
