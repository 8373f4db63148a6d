using Mart.Orders.Domain;
using Mart.ServiceDefaults.Validation;

namespace Mart.Orders.Apis;

/// <summary>The Orders HTTP API.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", PlaceOrder.HandleAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription("Prices the lines from Products and accepts the order as pending. Lines for the same product are merged; " +
                $"at most {OrderLimits.MaxLines} lines and {OrderLimits.MaxQuantityPerLine} units per product. " +
                "An Idempotency-Key header makes retries safe: the same key and body get the first response, the same key with another body 422.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapGet("/{id:guid}", GetOrder.HandleAsync)
            .WithName("GetOrder")
            .WithSummary("Get an order with its lines and status history")
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("/", ListOrders.HandleAsync)
            .WithName("ListOrders")
            .WithSummary("List orders, newest first")
            .WithDescription($"Filters by customerId and status; limit 1-{PageLimit.Max} (default {PageLimit.Default}); pass nextCursor back as cursor for the next page.");

        orders.MapPost("/{id:guid}/cancel", CancelOrder.HandleAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order")
            .WithDescription("Before payment the order is cancelled and its stock released; after payment a refund is requested (refund_pending, then refunded). " +
                "Cancelling a cancelled or refunded order answers 200 with it unchanged; a rejected order has nothing to cancel (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return orders;
    }
}
