using Mart.Payments.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Apis;

/// <summary><c>GET /payments/{id}</c>: one payment.</summary>
public static class GetPayment
{
    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> HandleAsync(Guid id, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return payment is null ? PaymentProblems.NotFound(id) : TypedResults.Ok(PaymentResponse.From(payment));
    }
}
