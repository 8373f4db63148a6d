using System.Security.Claims;
using System.Text.Json;
using Mart.Data;
using Mart.Messaging;
using Mart.Orders.Catalog;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Mart.Orders.Process;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mart.Orders.Apis;

/// <summary>
/// <c>POST /orders</c>: prices the lines from Products, stores the order as pending for the signed-in customer with its
/// order.placed event in one transaction (<see cref="OrderWrites"/>), and answers 201. With an <c>Idempotency-Key</c> a
/// retry of the same request by the same customer gets the first answer.
/// </summary>
public static class PlaceOrder
{
    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        JsonBody<PlaceOrderRequest> body,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        OrdersDbContext db,
        ProductCatalog catalog,
        IOutbox outbox,
        TimeProvider timeProvider,
        IOptions<OrdersOptions> options,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var idempotencyKey = PlaceOrderValidation.IdempotencyKey.Check(httpContext.Request, errors);
        if (PlaceOrderValidation.Check(body.Value, errors) is not { } request || errors.Any)
        {
            return errors.ToProblem();
        }

        // The policy admits signed-in users only, and a user's token always names them.
        var customerId = caller.SubjectId()!;
        var fingerprint = RequestFingerprint.Of(request);
        if (idempotencyKey is not null && await ReplayAsync(db, customerId, idempotencyKey, fingerprint, httpContext, json.Value, cancellationToken) is { } replay)
        {
            return replay;
        }

        var merged = MergeLines(request.Items!);
        CatalogLookup prices;
        try
        {
            prices = await catalog.LookupAsync([.. merged.Select(line => line.ProductId)], cancellationToken);
        }
        catch (CatalogUnavailableException ex)
        {
            return OrderProblems.CatalogUnavailable(httpContext, ex.Message);
        }

        if (prices.Missing.Count > 0)
        {
            return OrderProblems.UnknownProducts(prices.Missing);
        }

        var currency = request.Currency!;
        var otherCurrency = merged.Select(line => prices.Found[line.ProductId]).Where(p => p.Currency != currency).Select(p => p.Id).ToList();
        if (otherCurrency.Count > 0)
        {
            return OrderProblems.CurrencyMismatch(currency, otherCurrency);
        }

        var lines = merged
            .Select(line => (Product: prices.Found[line.ProductId], line.Quantity))
            .Select(line => new OrderLine(line.Product.Id, line.Product.Sku, line.Product.Name, line.Product.Price, line.Quantity))
            .ToList();
        var order = Order.Place(
            Guid.CreateVersion7(),
            customerId,
            currency,
            lines,
            options.Value.FeeRate,
            request.PaymentToken!,
            timeProvider.GetDatabaseNow());
        if (order.Total <= 0)
        {
            return OrderProblems.NothingToCharge();
        }

        var response = OrderResponse.From(order);
        var idempotentRequest = idempotencyKey is null ? null : new IdempotentRequest
        {
            CustomerId = customerId,
            Key = idempotencyKey,
            RequestHash = fingerprint,
            OrderId = order.Id,
            Response = JsonSerializer.Serialize(response, json.Value.SerializerOptions),
            CreatedAt = order.CreatedAt,
        };

        try
        {
            await db.InTransactionAsync(
                async ct =>
                {
                    await OrderWrites.PlaceAsync(db, order, outbox, OrderMessages.Placed(order), idempotentRequest, ct);
                    return true;
                },
                // The order's id is chosen here: if it is stored, a commit whose answer was lost went through.
                async ct => new(await db.Orders.AnyAsync(o => o.Id == order.Id, ct), true),
                cancellationToken);
        }
        catch (PostgresException ex) when (idempotencyKey is not null && ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "idempotency_keys_pkey" })
        {
            // The same key arrived twice at once and the other request won: answer as if this one came second.
            return await ReplayAsync(db, customerId, idempotencyKey, fingerprint, httpContext, json.Value, cancellationToken)
                ?? throw new InvalidOperationException($"Idempotency key '{idempotencyKey}' conflicted but cannot be found.", ex);
        }

        return TypedResults.Created($"/orders/{order.Id}", response);
    }

    /// <summary>Lines for the same product become one line, in the position of its first mention.</summary>
    private static List<(Guid ProductId, int Quantity)> MergeLines(IEnumerable<PlaceOrderItem?> items) =>
        [.. items
            .GroupBy(item => item!.ProductId!.Value)
            .Select(group => (group.Key, group.Sum(item => item!.Quantity!.Value)))];

    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        OrdersDbContext db,
        string customerId,
        string key,
        string fingerprint,
        HttpContext httpContext,
        JsonOptions json,
        CancellationToken cancellationToken)
    {
        var earlier = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.CustomerId == customerId && r.Key == key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != fingerprint)
        {
            return OrderProblems.IdempotencyKeyReused(key);
        }

        httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        var response = JsonSerializer.Deserialize<OrderResponse>(earlier.Response, json.SerializerOptions)!;
        return TypedResults.Created($"/orders/{earlier.OrderId}", response);
    }
}
