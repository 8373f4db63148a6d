using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mart.Orders.Apis;

/// <summary>
/// A digest of what a <c>POST /orders</c> asked for, so "the same request" means the same content regardless of
/// whitespace, property order or unknown properties in the JSON.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(PlaceOrderRequest request)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            request.CustomerId,
            request.Currency,
            request.PaymentToken,
            request.Items?.Select(item => new object?[] { item?.ProductId, item?.Quantity }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>A key a client may send: 1 to 200 visible ASCII characters.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= Domain.OrderLimits.MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~');
}
