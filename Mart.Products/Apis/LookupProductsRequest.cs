using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Products.Apis;

/// <summary>Body of <c>POST /products/lookup</c>: up to 100 product ids.</summary>
public sealed record LookupProductsRequest
{
    public IReadOnlyList<Guid>? Ids { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}
