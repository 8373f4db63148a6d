using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Products.Apis;

/// <summary>Body of <c>POST /products/{id}/stock</c>.</summary>
public sealed record AdjustStockRequest
{
    /// <summary>Required, not zero: units added (positive) or removed (negative) from on-hand stock.</summary>
    public int? Delta { get; init; }

    /// <summary>Required: why (kept with the adjustment), at most 500 characters.</summary>
    public string? Reason { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}
