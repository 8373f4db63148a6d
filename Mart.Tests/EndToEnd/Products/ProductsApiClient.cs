using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>Calls the products API the way a client would, with helpers that give each test its own products.</summary>
public sealed class ProductsApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    /// <summary>A SKU no other test (or earlier run) uses.</summary>
    public static string UniqueSku(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}".ToUpperInvariant();

    public async Task<(ProductJson Product, string ETag)> CreateAsync(
        int onHand = 10,
        decimal price = 19.99m,
        string? name = null,
        string? sku = null,
        string currency = "EUR")
    {
        using var response = await http.PostAsJsonAsync("/products", new
        {
            sku = sku ?? UniqueSku(),
            name = name ?? "Test product " + Guid.NewGuid().ToString("N")[..8],
            description = "Made by a test.",
            price,
            currency,
            onHand,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /products: {(int)response.StatusCode} {body}");
        return (JsonSerializer.Deserialize<ProductJson>(body, Json)!, response.Headers.ETag!.ToString());
    }

    public async Task<(ProductJson Product, string ETag)> GetAsync(Guid id)
    {
        using var response = await http.GetAsync($"/products/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /products/{id}: {(int)response.StatusCode} {body}");
        return (JsonSerializer.Deserialize<ProductJson>(body, Json)!, response.Headers.ETag!.ToString());
    }

    public async Task<ProductPageJson> ListAsync(string query)
    {
        using var response = await http.GetAsync("/products?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /products?{query}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<ProductPageJson>(body, Json)!;
    }

    /// <summary>Every page of a listing, following nextCursor.</summary>
    public async Task<List<ProductJson>> ListAllAsync(string query, int limit)
    {
        var all = new List<ProductJson>();
        string? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await ListAsync($"{query}&limit={limit}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Items.Count <= limit);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null)
            {
                return all;
            }

            Assert.Equal(limit, page.Items.Count);
        }

        throw new InvalidOperationException("The listing never ended.");
    }

    public async Task<HttpResponseMessage> AdjustStockAsync(Guid id, int delta, string reason = "test") =>
        await http.PostAsJsonAsync($"/products/{id}/stock", new { delta, reason });

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }
}
