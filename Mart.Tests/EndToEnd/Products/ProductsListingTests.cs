using System.Net;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>GET /products: keyset pages in each sort order, filters, and stability while the catalog changes.</summary>
[Collection("app")]
public sealed class ProductsListingTests(MartAppFixture fixture) : IDisposable
{
    private ProductsApiClient Api { get; } = new(fixture.StaffClient("products"));

    public void Dispose() => Api.Http.Dispose();

    /// <summary>Seven products whose names share a token no other test uses, with two equal prices to exercise the tie-break.</summary>
    private async Task<(string Token, List<ProductJson> Products)> CreateSetAsync()
    {
        var token = "zq" + Guid.NewGuid().ToString("N")[..10];
        var specs = new (string Suffix, decimal Price)[]
        {
            ("delta", 30m), ("alpha", 10m), ("golf", 20m), ("charlie", 20m), ("echo", 5.5m), ("bravo", 99.99m), ("foxtrot", 0m),
        };
        var products = new List<ProductJson>();
        foreach (var (suffix, price) in specs)
        {
            products.Add((await Api.CreateAsync(name: $"{token} {suffix}", price: price)).Product);
        }

        return (token, products);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("createdAt")]
    [InlineData(null)]
    public async Task Every_sort_pages_through_all_products_once_in_order(string? sort)
    {
        var (token, products) = await CreateSetAsync();
        var query = $"q={token}" + (sort is null ? string.Empty : "&sort=" + Uri.EscapeDataString(sort));

        var listed = await Api.ListAllAsync(query, limit: 3);

        IEnumerable<ProductJson> expected = sort switch
        {
            "name" => products.OrderBy(p => p.Name, StringComparer.Ordinal),
            // PostgreSQL orders uuids by their bytes, which is the order of their hex text.
            "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id.ToString("N"), StringComparer.Ordinal),
            "-price" => products.OrderByDescending(p => p.Price).ThenByDescending(p => p.Id.ToString("N"), StringComparer.Ordinal),
            _ => products,
        };
        Assert.Equal(expected.Select(p => p.Id), listed.Select(p => p.Id));
        Assert.Equal(products.Count, listed.Select(p => p.Id).Distinct().Count());

        // Another page size walks the same order.
        Assert.Equal(listed.Select(p => p.Id), (await Api.ListAllAsync(query, limit: 2)).Select(p => p.Id));
    }

    [Fact]
    public async Task A_cursor_keeps_its_place_while_products_are_added_and_deleted()
    {
        var (token, products) = await CreateSetAsync();
        var first = await Api.ListAsync($"q={token}&sort=name&limit=3");
        Assert.Equal(["alpha", "bravo", "charlie"], first.Items.Select(p => p.Name[(token.Length + 1)..]));

        // Before the cursor: must not appear. After it: must appear. Deleted after it: must vanish.
        await Api.CreateAsync(name: $"{token} aardvark");
        await Api.CreateAsync(name: $"{token} hotel");
        var echo = products.Single(p => p.Name.EndsWith("echo", StringComparison.Ordinal));
        using (var response = await Api.Http.DeleteAsync($"/products/{echo.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var rest = new List<ProductJson>();
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = await Api.ListAsync($"q={token}&sort=name&limit=3&cursor={Uri.EscapeDataString(cursor)}");
            rest.AddRange(page.Items);
            cursor = page.NextCursor;
        }

        Assert.Equal(["delta", "foxtrot", "golf", "hotel"], rest.Select(p => p.Name[(token.Length + 1)..]));
    }

    [Fact]
    public async Task Filters_by_price_range_inclusive_and_by_text_in_name_or_sku()
    {
        var (token, products) = await CreateSetAsync();

        var ranged = await Api.ListAllAsync($"q={token}&minPrice=5.5&maxPrice=20&sort=price", limit: 10);
        Assert.Equal([5.5m, 10m, 20m, 20m], ranged.Select(p => p.Price));

        var bySku = await Api.ListAsync("q=" + Uri.EscapeDataString(products[0].Sku[2..14].ToLowerInvariant()));
        Assert.Equal(products[0].Id, Assert.Single(bySku.Items).Id);

        // LIKE wildcards in the search text are literal characters.
        Assert.Empty((await Api.ListAsync($"q={token}%25")).Items);
        Assert.Empty((await Api.ListAsync($"q={token[..4]}_")).Items);
    }

    [Fact]
    public async Task The_default_page_holds_twenty_and_the_limit_is_capped_at_one_hundred()
    {
        var token = "zq" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 21; i++)
        {
            await Api.CreateAsync(name: $"{token} {i:D2}");
        }

        var page = await Api.ListAsync($"q={token}");
        Assert.Equal(20, page.Items.Count);
        Assert.NotNull(page.NextCursor);
        Assert.Equal(21, (await Api.ListAsync($"q={token}&limit=100")).Items.Count);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("maxPrice=1e308", "maxPrice")]
    [InlineData("maxPrice=99999999999999999999999999999999", "maxPrice")]
    [InlineData("minPrice=10&maxPrice=5", "maxPrice")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort=-name", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=bmFtZXxub3QtYS1ndWlkfGs", "cursor")]
    public async Task Bad_query_values_are_400_naming_the_parameter(string query, string field)
    {
        using var response = await Api.Http.GetAsync("/products?" + query);
        await ProblemAssert.InvalidAsync(response, field);
    }

    [Fact]
    public async Task A_cursor_used_with_another_sort_is_400()
    {
        var (token, _) = await CreateSetAsync();
        var page = await Api.ListAsync($"q={token}&sort=price&limit=2");

        using var response = await Api.Http.GetAsync($"/products?q={token}&sort=name&cursor={Uri.EscapeDataString(page.NextCursor!)}");
        await ProblemAssert.InvalidAsync(response, "cursor");
    }

    [Fact]
    public async Task Overlong_search_text_is_400()
    {
        using var response = await Api.Http.GetAsync("/products?q=" + new string('x', 101));
        await ProblemAssert.InvalidAsync(response, "q");
    }
}
