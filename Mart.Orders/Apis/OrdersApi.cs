using Mart.Orders.Domain;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Validation;

namespace Mart.Orders.Apis;

/// <summary>The Orders HTTP API.</summary>
public static class OrdersApi
{
    /// <summary>The scope a token needs for any of these operations; its audience is this API.</summary>
    public const string OrdersScope = "orders";

    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", PlaceOrder.HandleAsync)
            .RequireAccess(AccessPolicies.Customer(OrdersScope))
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription("The order is the signed-in customer's (the token's subject). Prices the lines from Products and accepts the order as pending. Lines for the same product are merged; " +
                $"at most {OrderLimits.MaxLines} lines and {OrderLimits.MaxQuantityPerLine} units per product. " +
                "An Idempotency-Key header makes retries safe: the same customer, key and body get the first response, the same key with another body 422.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapGet("/{id:guid}", GetOrder.HandleAsync)
            .RequireAccess(AccessPolicies.AnyCaller(OrdersScope))
            .WithName("GetOrder")
            .WithSummary("Get an order with its lines and status history")
            .WithDescription("A customer reads their own orders (another's is 404); staff and service clients read any.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("/", ListOrders.HandleAsync)
            .RequireAccess(AccessPolicies.Customer(OrdersScope))
            .WithName("ListOrders")
            .WithSummary("List orders, newest first")
            .WithDescription($"A customer lists their own orders; staff list every customer's, or one's with customerId (403 for a customer naming another). Filters by status; limit 1-{PageLimit.Max} (default {PageLimit.Default}); pass nextCursor back as cursor for the next page.");

        orders.MapPost("/{id:guid}/cancel", CancelOrder.HandleAsync)
            .RequireAccess(AccessPolicies.Customer(OrdersScope))
            .WithName("CancelOrder")
            .WithSummary("Cancel an order")
            .WithDescription("By the order's customer (another's is 404) or staff. Before payment the order is cancelled and its stock released; after payment a refund is requested (refund_pending, then refunded). " +
                "Cancelling a cancelled or refunded order answers 200 with it unchanged; a rejected order has nothing to cancel (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return orders;
    }
}
