using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Products.Apis;

/// <summary>Body of <c>POST /products</c>. Every field is nullable so a missing one is reported by name rather than defaulted.</summary>
public sealed record CreateProductRequest : ICatalogFieldsRequest
{
    /// <summary>Required; letters, digits, '.', '_' and '-', at most 64 characters; stored upper case; unique.</summary>
    public string? Sku { get; init; }

    /// <summary>Required; at most 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>Optional; at most 4000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Required; 0 to 1,000,000,000 with at most two decimals.</summary>
    public decimal? Price { get; init; }

    /// <summary>Required; an active ISO 4217 code.</summary>
    public string? Currency { get; init; }

    /// <summary>Optional (0 when left out); 0 to 1,000,000,000.</summary>
    public int? OnHand { get; init; }

    /// <summary>Fields the API does not know; any is an error, so a typo is not silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}
