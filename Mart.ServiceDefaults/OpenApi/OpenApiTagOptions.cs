namespace Mart.ServiceDefaults.OpenApi;

/// <summary>Descriptions of the service's OpenAPI tags (one per API area), written into the document's tag list.</summary>
public sealed class OpenApiTagOptions
{
    /// <summary>Tag name to description.</summary>
    public Dictionary<string, string> Descriptions { get; } = new(StringComparer.Ordinal);
}
