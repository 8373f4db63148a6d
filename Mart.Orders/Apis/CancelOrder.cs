using System.Security.Claims;
using Mart.Data;
using Mart.Orders.Data;
using Mart.Orders.Domain;
using Mart.Orders.Process;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Apis;

/// <summary>
/// <c>POST /orders/{id}/cancel</c> by its customer or staff: before payment the order is cancelled and its stock
/// released; after payment a refund is requested. Cancelling again is harmless (200 with the order as it is); a
/// rejected order has nothing to cancel (409).
/// </summary>
public static class CancelOrder
{
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ClaimsPrincipal caller,
        OrdersDbContext db,
        OrderProcess process,
        CancellationToken cancellationToken)
    {
        // An order's customer never changes, so the check needs no lock.
        if (!await db.Orders.VisibleTo(caller).AnyAsync(o => o.Id == id, cancellationToken))
        {
            return OrderProblems.NotFound(id);
        }

        var found = await db.InTransactionAsync(
            async ct =>
            {
                if (await process.LockAsync(id, ct) is not { } order)
                {
                    return false;
                }

                var reason = order.Status == OrderStatus.Completed ? OrderReasons.RefundRequestedByCustomer : OrderReasons.CancelledByCustomer;
                await process.FireAsync(order, OrderTrigger.CancelRequested, reason, ct);
                return true;
            },
            // Past the point where a cancel applies (cancelled, refund pending, ...): a commit whose answer was lost
            // went through, or another writer got there first; either way there is nothing left to do.
            async ct => await db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct) is { } status
                && OrderStateMachine.Next(status, OrderTrigger.CancelRequested) is null
                    ? new(true, true)
                    : new(false, false),
            cancellationToken);
        if (!found)
        {
            return OrderProblems.NotFound(id);
        }

        db.ChangeTracker.Clear();
        var current = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.History)
            // One statement, one snapshot: split queries could pair a status with a later history.
            .AsSingleQuery()
            .SingleAsync(o => o.Id == id, cancellationToken);
        return current.Status == OrderStatus.Rejected
            ? OrderProblems.CannotCancel(id, current.Status.ToName())
            : TypedResults.Ok(OrderResponse.From(current));
    }
}
