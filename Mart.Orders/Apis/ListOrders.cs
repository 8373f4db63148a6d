using System.Security.Claims;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Mart.ServiceDefaults.Authentication;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Apis;

/// <summary>
/// <c>GET /orders?customerId=&amp;status=&amp;limit=&amp;cursor=</c>: newest first, keyset-paginated. A customer lists
/// their own orders; staff list anyone's, or one customer's with <c>customerId</c>.
/// </summary>
public static class ListOrders
{
    /// <summary>The same rule as a placed order's customer id, so a filter that could never match is refused, not run.</summary>
    private static readonly TextRule CustomerFilter = PlaceOrderValidation.CustomerId with { Required = false };

    public static async Task<Results<Ok<OrderPage>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? customerId,
        string? status,
        string? limit,
        string? cursor,
        ClaimsPrincipal caller,
        OrdersDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        OrderStatus? wanted = null;
        if (status is not null && !OrderStatusNames.TryParse(status, out wanted))
        {
            errors.Add("status", $"Unknown status; use one of: {string.Join(", ", OrderStatusNames.All)}.");
        }

        var size = errors.PageSize(limit);
        OrderCursor after = default;
        if (cursor is not null && !OrderCursor.TryDecode(cursor, out after))
        {
            errors.Add("cursor", "The cursor is not one this API returned.");
        }

        var customer = CustomerFilter.Check(customerId, "customerId", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!string.IsNullOrEmpty(customer) && !caller.SeesEveryOrder() && customer != caller.SubjectId())
        {
            return OrderProblems.OthersOrders();
        }

        var query = (cursor is null ? db.Orders : OrderReads.Before(db, after.CreatedAt, after.Id)).AsNoTracking().VisibleTo(caller);
        if (!string.IsNullOrEmpty(customer))
        {
            query = query.Where(o => o.CustomerId == customer);
        }

        if (wanted is { } filter)
        {
            query = query.Where(o => o.Status == filter);
        }

        var page = await query
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Take(size + 1)
            .Include(o => o.Lines)
            .Include(o => o.History)
            // One statement, one snapshot: split queries could pair a status with a later history.
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        var items = page.Take(size).ToList();
        var next = page.Count > size ? new OrderCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return TypedResults.Ok(new OrderPage([.. items.Select(OrderResponse.From)], next));
    }
}
