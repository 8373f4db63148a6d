using System.Net;
using System.Net.Http.Json;
using Npgsql;
using StackExchange.Redis;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>The products API of the running system: create, read (cached, with ETags), replace, delete, adjust stock, look up.</summary>
[Collection("app")]
public sealed class ProductsApiTests(MartAppFixture fixture) : IAsyncLifetime
{
    private DistributedApplication App => fixture.App;

    private ProductsApiClient Api { get; } = new(fixture.StaffClient("products"));

    private EventStreams Streams { get; set; } = null!;

    public async Task InitializeAsync() => Streams = EventStreams.Connect((await App.GetConnectionStringAsync("redis"))!);

    public async Task DisposeAsync()
    {
        Api.Http.Dispose();
        await Streams.DisposeAsync();
    }

    [Fact]
    public async Task Create_answers_201_with_location_etag_and_the_stored_product()
    {
        var sku = ProductsApiClient.UniqueSku("lamp").ToLowerInvariant();
        using var response = await Api.Http.PostAsJsonAsync("/products", new
        {
            sku,
            name = "  Desk Lamp  ",
            description = "LED",
            price = 39.90m,
            currency = "eur",
            onHand = 7,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ProductJson>(ProductsApiClient.Json))!;
        Assert.Equal($"/products/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(7, created.Id.Version);
        Assert.Equal((sku.ToUpperInvariant(), "Desk Lamp", "LED", 39.90m, "EUR"), (created.Sku, created.Name, created.Description, created.Price, created.Currency));
        Assert.Equal((7, 0, 7), (created.OnHand, created.Reserved, created.Available));
        Assert.Equal(created.CreatedAt, created.UpdatedAt);

        var (read, etag) = await Api.GetAsync(created.Id);
        Assert.Equal(created, read);
        Assert.Equal(response.Headers.ETag!.ToString(), etag);
        await StockDatabase.UntilAsync(
            async () => (await Streams.ProductEventTypesAsync(created.Id)).SequenceEqual(["product.created.v1"]),
            "product.created was published");
    }

    [Fact]
    public async Task The_json_names_every_field_of_the_contract()
    {
        var (product, _) = await Api.CreateAsync();
        var json = await Api.Http.GetStringAsync($"/products/{product.Id}");

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(
            ["id", "sku", "name", "description", "price", "currency", "onHand", "reserved", "available", "createdAt", "updatedAt"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Reads_are_served_from_the_cache_and_a_change_through_the_api_invalidates_it()
    {
        var (product, etag) = await Api.CreateAsync(name: "Cached Kettle");
        await Api.GetAsync(product.Id);

        // Change the row behind the service's back: a warm cache keeps answering with what it holds.
        await using (var connection = new NpgsqlConnection(await App.GetConnectionStringAsync("productsdb")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE products SET description = 'changed in the database' WHERE id = $1", connection);
            command.Parameters.AddWithValue(product.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (cached, cachedETag) = await Api.GetAsync(product.Id);
        Assert.Equal("Made by a test.", cached.Description);
        Assert.Equal(etag, cachedETag);
        // Both in the replica's memory and in Redis (FusionCache puts its format version in front of the key).
        var stored = Streams.Redis.Multiplexer.GetServers()[0].KeysAsync(pattern: "*products:product:" + product.Id.ToString("N"));
        Assert.Single(await stored.ToListAsync());

        // The database row changed, so the old ETag is stale: the PUT is refused, and nothing is overwritten.
        using (var stale = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, name: "Renamed Kettle"), etag))
        {
            await ProblemAssert.IsAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        using (var forced = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, name: "Renamed Kettle"), "*"))
        {
            Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        }

        var (fresh, freshETag) = await Api.GetAsync(product.Id);
        Assert.Equal("Renamed Kettle", fresh.Name);
        Assert.NotEqual(etag, freshETag);
    }

    [Fact]
    public async Task A_conditional_get_with_the_current_etag_is_304()
    {
        var (product, etag) = await Api.CreateAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/products/{product.Id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_needs_if_match_refuses_a_stale_etag_and_changes_the_etag()
    {
        var (product, etag) = await Api.CreateAsync(price: 10m);

        using (var missing = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, price: 12m)))
        {
            await ProblemAssert.IsAsync(missing, HttpStatusCode.PreconditionRequired);
        }

        using (var wrong = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, price: 12m), "\"1\""))
        {
            await ProblemAssert.IsAsync(wrong, HttpStatusCode.PreconditionFailed);
        }

        string second;
        using (var first = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, price: 12m), etag))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var updated = (await first.Content.ReadFromJsonAsync<ProductJson>(ProductsApiClient.Json))!;
            Assert.Equal(12m, updated.Price);
            Assert.True(updated.UpdatedAt > product.UpdatedAt);
            second = first.Headers.ETag!.ToString();
            Assert.NotEqual(etag, second);
        }

        // A second writer still holding the first ETag has lost the race.
        using (var lost = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, price: 13m), etag))
        {
            await ProblemAssert.IsAsync(lost, HttpStatusCode.PreconditionFailed);
        }

        var (read, readETag) = await Api.GetAsync(product.Id);
        Assert.Equal(12m, read.Price);
        Assert.Equal(second, readETag);
        await StockDatabase.UntilAsync(
            async () => (await Streams.ProductEventTypesAsync(product.Id)).SequenceEqual(["product.created.v1", "product.updated.v1"]),
            "product.updated was published once");
    }

    [Fact]
    public async Task Duplicate_skus_are_409_on_create_and_on_update_whatever_their_case()
    {
        var (first, _) = await Api.CreateAsync();
        var (second, etag) = await Api.CreateAsync();

        using (var create = await Api.SendJsonAsync(HttpMethod.Post, "/products", $$"""{"sku":"{{first.Sku.ToLowerInvariant()}}","name":"Copy","price":1,"currency":"EUR"}"""))
        {
            await ProblemAssert.IsAsync(create, HttpStatusCode.Conflict);
        }

        using (var update = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{second.Id}", UpdateBody(second, sku: first.Sku), etag))
        {
            await ProblemAssert.IsAsync(update, HttpStatusCode.Conflict);
        }

        Assert.Equal(second.Sku, (await Api.GetAsync(second.Id)).Product.Sku);
    }

    [Fact]
    public async Task Delete_is_soft_the_product_leaves_the_catalog_but_keeps_its_sku()
    {
        var (product, etag) = await Api.CreateAsync(name: "Soon Gone " + Guid.NewGuid().ToString("N")[..8]);

        using (var stale = new HttpRequestMessage(HttpMethod.Delete, $"/products/{product.Id}"))
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await Api.Http.SendAsync(stale);
            await ProblemAssert.IsAsync(response, HttpStatusCode.PreconditionFailed);
        }

        using (var conditional = new HttpRequestMessage(HttpMethod.Delete, $"/products/{product.Id}"))
        {
            conditional.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await Api.Http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var get = await Api.Http.GetAsync($"/products/{product.Id}"))
        {
            await ProblemAssert.IsAsync(get, HttpStatusCode.NotFound);
        }

        using (var again = await Api.Http.DeleteAsync($"/products/{product.Id}"))
        {
            await ProblemAssert.IsAsync(again, HttpStatusCode.NotFound);
        }

        using (var put = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product), "*"))
        {
            await ProblemAssert.IsAsync(put, HttpStatusCode.NotFound);
        }

        using (var stock = await Api.AdjustStockAsync(product.Id, 1))
        {
            await ProblemAssert.IsAsync(stock, HttpStatusCode.NotFound);
        }

        Assert.Empty((await Api.ListAsync("q=" + Uri.EscapeDataString(product.Name))).Items);
        using (var reuse = await Api.SendJsonAsync(HttpMethod.Post, "/products", $$"""{"sku":"{{product.Sku}}","name":"Reuse","price":1,"currency":"EUR"}"""))
        {
            await ProblemAssert.IsAsync(reuse, HttpStatusCode.Conflict);
        }

        // The row is still there for the orders that point at it.
        Assert.Equal(1, await StockDatabase.ScalarAsync(
            (await App.GetConnectionStringAsync("productsdb"))!, "SELECT count(*) FROM products WHERE id = $1 AND deleted_at IS NOT NULL", product.Id));
        await StockDatabase.UntilAsync(
            async () => (await Streams.ProductEventTypesAsync(product.Id)).SequenceEqual(["product.created.v1", "product.deleted.v1"]),
            "product.deleted was published");
    }

    [Fact]
    public async Task Stock_adjustments_add_and_remove_but_never_below_zero()
    {
        var (product, etag) = await Api.CreateAsync(onHand: 3);

        using (var received = await Api.AdjustStockAsync(product.Id, 5, "delivery"))
        {
            Assert.Equal(HttpStatusCode.OK, received.StatusCode);
            var body = (await received.Content.ReadFromJsonAsync<ProductJson>(ProductsApiClient.Json))!;
            Assert.Equal((8, 0, 8), (body.OnHand, body.Reserved, body.Available));
            Assert.NotEqual(etag, received.Headers.ETag?.ToString());
        }

        using (var tooMany = await Api.AdjustStockAsync(product.Id, -9, "write-off"))
        {
            await ProblemAssert.IsAsync(tooMany, HttpStatusCode.Conflict);
        }

        using (var all = await Api.AdjustStockAsync(product.Id, -8, "write-off"))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        }

        var (read, _) = await Api.GetAsync(product.Id);
        Assert.Equal((0, 0, 0), (read.OnHand, read.Reserved, read.Available));

        using (var overflow = await Api.AdjustStockAsync(product.Id, 1_000_000_000, "huge"))
        {
            Assert.Equal(HttpStatusCode.OK, overflow.StatusCode);
        }

        using (var beyondMaximum = await Api.AdjustStockAsync(product.Id, 1, "one more"))
        {
            await ProblemAssert.IsAsync(beyondMaximum, HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task Lookup_returns_live_products_in_the_order_asked_and_lists_the_rest_as_missing()
    {
        var (first, _) = await Api.CreateAsync();
        var (second, _) = await Api.CreateAsync();
        var (deleted, _) = await Api.CreateAsync();
        using (var response = await Api.Http.DeleteAsync($"/products/{deleted.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var unknown = Guid.CreateVersion7();
        using var lookup = await Api.Http.PostAsJsonAsync("/products/lookup", new { ids = new[] { second.Id, unknown, first.Id, deleted.Id, second.Id } });

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var json = await lookup.Content.ReadAsStringAsync();
        var body = System.Text.Json.JsonSerializer.Deserialize<ProductLookupJson>(json, ProductsApiClient.Json)!;
        Assert.Equal([second.Id, first.Id], body.Items.Select(p => p.Id));
        Assert.Equal([unknown, deleted.Id], body.Missing);
        Assert.Equal(new CatalogEntryJson(first.Id, first.Sku, first.Name, first.Price, first.Currency), body.Items[1]);

        // What an order is priced from, and no stock: a lookup reserves nothing, and stock is GET /products/{id}'s.
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(
            ["id", "sku", "name", "price", "currency"],
            document.RootElement.GetProperty("items")[0].EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Lookup_entries_stay_cached_while_stock_moves_and_are_current_after_an_update_or_a_delete()
    {
        var (product, _) = await Api.CreateAsync(price: 10m);
        Assert.Equal(10m, (await LookupAsync(product.Id)).Items.Single().Price);
        await Api.GetAsync(product.Id);
        Assert.Single(await CachedKeysAsync("catalog", product.Id));
        Assert.Single(await CachedKeysAsync("product", product.Id));

        // Stock moves with every order: the whole product is removed, the catalog entry orders are priced from stays.
        using (var adjust = await Api.AdjustStockAsync(product.Id, 5))
        {
            Assert.Equal(HttpStatusCode.OK, adjust.StatusCode);
        }

        Assert.Empty(await CachedKeysAsync("product", product.Id));
        Assert.Single(await CachedKeysAsync("catalog", product.Id));

        // A new price removes it: the very next lookup prices at 12.
        using (var put = await Api.SendJsonAsync(HttpMethod.Put, $"/products/{product.Id}", UpdateBody(product, price: 12m), "*"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(12m, (await LookupAsync(product.Id)).Items.Single().Price);

        using (var delete = await Api.Http.DeleteAsync($"/products/{product.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var afterDelete = await LookupAsync(product.Id);
        Assert.Empty(afterDelete.Items);
        Assert.Equal([product.Id], afterDelete.Missing);
    }

    private async Task<ProductLookupJson> LookupAsync(params Guid[] ids)
    {
        using var response = await Api.Http.PostAsJsonAsync("/products/lookup", new { ids });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductLookupJson>(ProductsApiClient.Json))!;
    }

    // In Redis under the service's prefix (FusionCache puts its format version in front of the key).
    private Task<List<RedisKey>> CachedKeysAsync(string kind, Guid productId) =>
        Streams.Redis.Multiplexer.GetServers()[0].KeysAsync(pattern: $"*products:{kind}:{productId:N}").ToListAsync().AsTask();

    private static string UpdateBody(ProductJson product, string? sku = null, string? name = null, decimal? price = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            sku = sku ?? product.Sku,
            name = name ?? product.Name,
            description = product.Description,
            price = price ?? product.Price,
            currency = product.Currency,
        });
}
