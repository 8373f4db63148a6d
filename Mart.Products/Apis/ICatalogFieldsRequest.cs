using System.Text.Json;

namespace Mart.Products.Apis;

/// <summary>A body that writes the catalog fields (create and replace), checked by one rule.</summary>
public interface ICatalogFieldsRequest
{
    string? Sku { get; }

    string? Name { get; }

    string? Description { get; }

    decimal? Price { get; }

    string? Currency { get; }

    Dictionary<string, JsonElement>? UnknownFields { get; }
}
