using Mart.Messaging;
using Mart.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mart.Orders.Data;

/// <summary>
/// The orders database (orders, their lines and status history, idempotency keys, outbox and inbox). The schema
/// comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up, so the mappings here must match
/// those scripts; columns are named by the snake-case convention unless named here.
/// </summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    private static readonly ValueConverter<OrderStatus, string> StatusConverter =
        new(status => status.ToName(), name => OrderStatusNames.Parse(name));

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderStatusChange> StatusHistory => Set<OrderStatusChange>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();

        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.Property(o => o.Status).HasConversion(StatusConverter);
            order.Property(o => o.Currency).HasColumnType("char(3)");
            order.Property(o => o.Subtotal).HasColumnType("numeric(18,2)");
            order.Property(o => o.Fee).HasColumnType("numeric(18,2)");
            order.Property(o => o.Total).HasColumnType("numeric(18,2)");
            order.Property(o => o.Version).IsRowVersion();
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId);
        });

        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("order_lines");
            line.HasKey(l => new { l.OrderId, l.LineNo });
            line.Property(l => l.LineNo).ValueGeneratedNever();
            line.Property(l => l.UnitPrice).HasColumnType("numeric(18,2)");
            line.Property(l => l.LineTotal).HasColumnType("numeric(18,2)");
        });

        modelBuilder.Entity<OrderStatusChange>(change =>
        {
            change.ToTable("order_status_history");
            change.HasKey(h => h.Id);
            change.Property(h => h.Id).UseIdentityAlwaysColumn();
            change.Property(h => h.From).HasColumnName("from_status").HasConversion(StatusConverter);
            change.Property(h => h.To).HasColumnName("to_status").HasConversion(StatusConverter);
            change.Property(h => h.At).HasColumnName("occurred_at");
        });

        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotency_keys");
            request.HasKey(r => new { r.CustomerId, r.Key });

            // Known to EF so the order row is inserted before the key that refers to it.
            request.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId);
        });
    }
}
