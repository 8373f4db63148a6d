// The smallest ASP.NET Core minimal API answering what bench/reads asks Products: a product by id and a page of 100,
// serialised from memory with the framework's defaults (no database, no cache, no middleware). What Mart's endpoints
// achieve is reported as a share of this.
using System.Collections.Frozen;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var now = DateTimeOffset.UtcNow;
var products = Enumerable.Range(0, 100)
    .Select(i => new Product(
        Guid.CreateVersion7(), $"BARE-{i:D5}", $"Bare product {i}", "A product that lives in memory only, for the baseline.",
        9.99m + i, "EUR", 1_000, 10, 990, now, now))
    .ToArray();
var byId = products.ToFrozenDictionary(product => product.Id);
var page = new ProductPage(products, null);

app.MapGet("/products/{id:guid}", (Guid id) => byId.TryGetValue(id, out var product) ? Results.Ok(product) : Results.NotFound());
app.MapGet("/products", () => Results.Ok(page));
app.MapGet("/first", () => Results.Text(products[0].Id.ToString()));
app.Run();

internal sealed record Product(
    Guid Id, string Sku, string Name, string Description, decimal Price, string Currency,
    int OnHand, int Reserved, int Available, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record ProductPage(IReadOnlyList<Product> Items, string? NextCursor);
