extern alias PaymentsService;
using Microsoft.EntityFrameworkCore;
using PaymentsService::Mart.Payments.Data;
using PaymentsService::Mart.Payments.Domain;

namespace Mart.Tests.Unit.Payments;

public sealed class PaymentWritesTests
{
    [Fact]
    public async Task A_tracked_payment_is_refused_before_any_sql()
    {
        // Never connected: the check comes before the transaction is asked for.
        await using var db = new PaymentsDbContext(new DbContextOptionsBuilder<PaymentsDbContext>().UseNpgsql("Host=127.0.0.1").Options);
        var payment = Payment.Request(Guid.CreateVersion7(), Guid.CreateVersion7(), 10m, "EUR", "simulated", "tok", DateTimeOffset.UtcNow);
        db.Attach(payment);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PaymentWrites.SaveAsync(db, payment, outbox: null!, message: null, CancellationToken.None));

        Assert.Contains("is tracked", refused.Message, StringComparison.Ordinal);
    }
}
