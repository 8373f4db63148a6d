using Mart.Payments.Domain;
using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Data;

/// <summary>
/// The payments database (payments, outbox, inbox). The schema comes from the ordered scripts in
/// <c>Data/Migrations</c>, applied at start-up (EF's design-time tooling is unavailable), so the mappings here must
/// match those scripts.
/// </summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();

        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payment.Property(p => p.OrderId).HasColumnName("order_id");
            payment.Property(p => p.Amount).HasColumnName("amount").HasColumnType("numeric(18,2)");
            payment.Property(p => p.Currency).HasColumnName("currency").HasColumnType("char(3)");
            payment.Property(p => p.Status).HasColumnName("status")
                .HasConversion(status => status.ToName(), name => PaymentStatusNames.Parse(name));
            payment.Property(p => p.Gateway).HasColumnName("gateway");
            payment.Property(p => p.GatewayReference).HasColumnName("gateway_reference");
            payment.Property(p => p.FailureCode).HasColumnName("failure_code");
            payment.Property(p => p.FailureReason).HasColumnName("failure_reason");
            payment.Property(p => p.PaymentToken).HasColumnName("payment_token");
            payment.Property(p => p.Attempts).HasColumnName("attempts");
            payment.Property(p => p.NextAttemptAt).HasColumnName("next_attempt_at");
            payment.Property(p => p.InCallUntil).HasColumnName("in_call_until");
            payment.Property(p => p.RefundRequestedAt).HasColumnName("refund_requested_at");
            payment.Property(p => p.RefundReason).HasColumnName("refund_reason");
            payment.Property(p => p.RefundReference).HasColumnName("refund_reference");
            payment.Property(p => p.RefundedAt).HasColumnName("refunded_at");
            payment.Property(p => p.CreatedAt).HasColumnName("created_at");
            payment.Property(p => p.UpdatedAt).HasColumnName("updated_at");
            payment.Property(p => p.Version).IsRowVersion();
            payment.Ignore(p => p.RefundDue);
            payment.Ignore(p => p.ChargeUnsettled);
        });
    }
}
