using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Products.Apis;

/// <summary>
/// Body of <c>PUT /products/{id}</c>: the full catalog entry (a missing description becomes empty). Stock is not part of
/// it: on-hand changes go through <c>POST /products/{id}/stock</c>, reservations through orders.
/// </summary>
public sealed record UpdateProductRequest : ICatalogFieldsRequest
{
    public string? Sku { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public decimal? Price { get; init; }

    public string? Currency { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}
