using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mart.Products.Apis;

/// <summary>
/// Serialization code for the API's answers, generated at build time with the web defaults the HTTP JSON options use,
/// so answers are written without reflection-built converters.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductResponse))]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(LookupProductsResponse))]
internal sealed partial class ProductsJsonContext : JsonSerializerContext;
