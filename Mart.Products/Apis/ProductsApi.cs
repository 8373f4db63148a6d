namespace Mart.Products.Apis;

/// <summary>The HTTP API of the catalog and its stock.</summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/products").WithTags("Products");

        api.MapGet(string.Empty, ListProducts.HandleAsync)
            .WithName("ListProducts")
            .WithSummary("Lists live products, one keyset page at a time (sort: name, price, -price, createdAt).");

        api.MapPost("/lookup", LookupProducts.HandleAsync)
            .WithName("LookupProducts")
            .WithSummary("Reads up to 100 products at once; unknown and deleted ids are listed as missing.");

        api.MapGet("/{id:guid}", GetProduct.HandleAsync)
            .WithName("GetProduct")
            .WithSummary("Reads a live product, with its ETag; deleted products are 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost(string.Empty, CreateProduct.HandleAsync)
            .WithName("CreateProduct")
            .WithSummary("Adds a product; 409 when the SKU is taken.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id:guid}", UpdateProduct.HandleAsync)
            .WithName("UpdateProduct")
            .WithSummary("Replaces a product's catalog fields; needs If-Match (428 without, 412 when stale).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapDelete("/{id:guid}", DeleteProduct.HandleAsync)
            .WithName("DeleteProduct")
            .WithSummary("Soft-deletes a product; optional If-Match (412 when stale).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapPost("/{id:guid}/stock", AdjustStock.HandleAsync)
            .WithName("AdjustStock")
            .WithSummary("Adds to or removes from on-hand stock; never below what is reserved (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
