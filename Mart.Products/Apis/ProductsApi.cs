using Mart.ServiceDefaults.Authentication;

namespace Mart.Products.Apis;

/// <summary>The HTTP API of the catalog and its stock.</summary>
public static class ProductsApi
{
    /// <summary>The scope a token needs to change the catalog or its stock; its audience is this API.</summary>
    public const string CatalogScope = "catalog";

    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        // Reading the catalog is open to anyone; changing it is for staff and services granted the catalog scope.
        var staff = AccessPolicies.StaffOrService(CatalogScope);
        var api = app.MapGroup("/products").WithTags("Products");

        api.MapGet(string.Empty, ListProducts.HandleAsync)
            .AllowAnonymous()
            .WithName("ListProducts")
            .WithSummary("Lists live products, one keyset page at a time (sort: name, price, -price, createdAt).");

        api.MapPost("/lookup", LookupProducts.HandleAsync)
            .AllowAnonymous()
            .WithName("LookupProducts")
            .WithSummary("Reads up to 100 products at once; unknown and deleted ids are listed as missing.");

        api.MapGet("/{id:guid}", GetProduct.HandleAsync)
            .AllowAnonymous()
            .WithName("GetProduct")
            .WithSummary("Reads a live product, with its ETag; deleted products are 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost(string.Empty, CreateProduct.HandleAsync)
            .RequireAccess(staff)
            .WithName("CreateProduct")
            .WithSummary("Adds a product; 409 when the SKU is taken.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id:guid}", UpdateProduct.HandleAsync)
            .RequireAccess(staff)
            .WithName("UpdateProduct")
            .WithSummary("Replaces a product's catalog fields; needs If-Match (428 without, 412 when stale).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapDelete("/{id:guid}", DeleteProduct.HandleAsync)
            .RequireAccess(staff)
            .WithName("DeleteProduct")
            .WithSummary("Soft-deletes a product; optional If-Match (412 when stale).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapPost("/{id:guid}/stock", AdjustStock.HandleAsync)
            .RequireAccess(staff)
            .WithName("AdjustStock")
            .WithSummary("Adds to or removes from on-hand stock; never below what is reserved (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
