using System.Security.Claims;
using Mart.Orders.Domain;
using Mart.ServiceDefaults.Authentication;

namespace Mart.Orders.Apis;

/// <summary>
/// Which orders a caller may see: a customer only their own, staff and service clients (Products' reservation sweep)
/// any. Another customer's order is answered as not found, so its existence is not given away.
/// </summary>
public static class OrderAccess
{
    public static bool SeesEveryOrder(this ClaimsPrincipal caller) => caller.IsAdmin() || caller.IsServiceClient();

    public static IQueryable<Order> VisibleTo(this IQueryable<Order> orders, ClaimsPrincipal caller)
    {
        if (caller.SeesEveryOrder())
        {
            return orders;
        }

        var customer = caller.SubjectId() ?? throw new InvalidOperationException("An authenticated caller without a subject.");
        return orders.Where(o => o.CustomerId == customer);
    }
}
