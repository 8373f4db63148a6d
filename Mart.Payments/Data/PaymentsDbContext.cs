using Mart.Messaging;
using Mart.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Data;

/// <summary>
/// The payments database (payments, outbox, inbox). The schema comes from the ordered scripts in
/// <c>Data/Migrations</c>, applied at start-up, so the mappings here must match those scripts; columns are named by
/// the snake-case convention unless named here.
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
            payment.Property(p => p.Id).ValueGeneratedNever();
            payment.Property(p => p.Amount).HasColumnType("numeric(18,2)");
            payment.Property(p => p.Currency).HasColumnType("char(3)");
            payment.Property(p => p.Status).HasConversion(status => status.ToName(), name => PaymentStatusNames.Parse(name));
            payment.Property(p => p.Version).IsRowVersion();
            payment.Ignore(p => p.RefundDue);
            payment.Ignore(p => p.ChargeUnsettled);
        });
    }
}
