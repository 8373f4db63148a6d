using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Mart.Orders.Apis;

/// <summary>
/// Position after the last order of a page (newest first): its creation time and id. Opaque to clients
/// (base64url of 8 bytes of UTC ticks and the 16 id bytes).
/// </summary>
public readonly record struct OrderCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const int Length = 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string? text, out OrderCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var ticks = bytes.Length == Length ? BinaryPrimitives.ReadInt64BigEndian(bytes) : -1;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new OrderCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8), bigEndian: true));
        return true;
    }
}
