using Mart.Orders.Data;
using Mart.Orders.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Apis;

/// <summary><c>GET /orders?customerId=&amp;status=&amp;limit=&amp;cursor=</c>: newest first, keyset-paginated.</summary>
public static class ListOrders
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    public static async Task<Results<Ok<OrderPage>, ValidationProblem>> HandleAsync(
        string? customerId,
        string? status,
        int? limit,
        string? cursor,
        OrdersDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        OrderStatus? wanted = null;
        if (status is not null && !OrderStatusNames.TryParse(status, out wanted))
        {
            errors["status"] = [$"Unknown status; use one of: {string.Join(", ", OrderStatusNames.All)}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {MaxLimit}."];
        }

        OrderCursor after = default;
        if (cursor is not null && !OrderCursor.TryDecode(cursor, out after))
        {
            errors["cursor"] = ["The cursor is not one this API returned."];
        }

        if (customerId is { Length: > OrderLimits.MaxCustomerIdLength })
        {
            errors["customerId"] = [$"A customer id has at most {OrderLimits.MaxCustomerIdLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A row comparison walks the (created_at, id) index exactly from the cursor on.
        var query = (cursor is null
                ? db.Orders
                : db.Orders.FromSql($"SELECT *, xmin FROM orders WHERE (created_at, id) < ({after.CreatedAt}, {after.Id})"))
            .AsNoTracking();
        if (!string.IsNullOrWhiteSpace(customerId))
        {
            query = query.Where(o => o.CustomerId == customerId.Trim());
        }

        if (wanted is { } filter)
        {
            query = query.Where(o => o.Status == filter);
        }

        var size = limit ?? DefaultLimit;
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
