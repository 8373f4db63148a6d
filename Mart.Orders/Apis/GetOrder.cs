using System.Security.Claims;
using Mart.Orders.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Apis;

/// <summary><c>GET /orders/{id}</c>: the order with its lines and full status history, if the caller may see it.</summary>
public static class GetOrder
{
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal caller, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().VisibleTo(caller)
            .Include(o => o.Lines)
            .Include(o => o.History)
            // One statement, one snapshot: split queries could pair a status with a later history.
            .AsSingleQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is null ? OrderProblems.NotFound(id) : TypedResults.Ok(OrderResponse.From(order));
    }
}
