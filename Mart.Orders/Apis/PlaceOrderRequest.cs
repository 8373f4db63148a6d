using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Orders.Apis;

/// <summary>
/// Body of <c>POST /orders</c>. Every field is nullable so a missing one is reported by name rather than defaulted;
/// the rules are in <see cref="PlaceOrderValidation"/>.
/// </summary>
public sealed record PlaceOrderRequest
{
    /// <summary>Required; an active ISO 4217 code in capitals, and every product on the order must be priced in it.</summary>
    public string? Currency { get; init; }

    /// <summary>1 to 50 lines; lines naming the same product are merged.</summary>
    public List<PlaceOrderItem?>? Items { get; init; }

    /// <summary>Required; the customer's payment method, at most 200 characters, passed to the payment gateway.</summary>
    public string? PaymentToken { get; init; }

    /// <summary>Fields the API does not know; any is an error, so a typo is not silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}

/// <summary>One line of <see cref="PlaceOrderRequest"/>.</summary>
public sealed record PlaceOrderItem
{
    /// <summary>Required: the product, as Products knows it.</summary>
    public Guid? ProductId { get; init; }

    /// <summary>Required: 1 to 1000 units.</summary>
    public int? Quantity { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}
