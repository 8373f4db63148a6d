using Mart.Payments.Data;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Apis;

/// <summary><c>GET /payments?orderId=</c>: the order's payment, if it has one.</summary>
public static class ListPayments
{
    public static async Task<Results<Ok<PaymentList>, ValidationProblem>> HandleAsync(string? orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = errors.Uuid("orderId", orderId);
        if (parsed is not { } order)
        {
            if (!errors.Any)
            {
                errors.Add("orderId", "The orderId query parameter is required.");
            }

            return errors.ToProblem();
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == order).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PaymentList([.. payments.Select(PaymentResponse.From)]));
    }
}
