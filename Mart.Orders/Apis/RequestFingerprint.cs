using System.Security.Cryptography;
using System.Text.Json;

namespace Mart.Orders.Apis;

/// <summary>
/// A digest of what a <c>POST /orders</c> asked for, so "the same request" means the same content regardless of
/// whitespace or property order in the JSON. Taken from the validated request, whose text is already trimmed.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(PlaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            request.Currency,
            request.PaymentToken,
            request.Items?.Select(item => new object?[] { item?.ProductId, item?.Quantity }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>A key a client may send: 1 to 200 visible ASCII characters.</summary>
    public static bool IsValidKey(string key) => PlaceOrderValidation.IdempotencyKey.Problem(key) is null;
}
