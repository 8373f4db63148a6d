using Mart.Orders.Domain;
using Mart.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mart.Orders.Data;

/// <summary>
/// The orders database (orders, their lines and status history, idempotency keys, outbox and inbox). The schema
/// comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up (EF's design-time tooling is
/// unavailable), so the mappings here must match those scripts.
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
            order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
            order.Property(o => o.CustomerId).HasColumnName("customer_id");
            order.Property(o => o.Status).HasColumnName("status").HasConversion(StatusConverter);
            order.Property(o => o.Reason).HasColumnName("reason");
            order.Property(o => o.Currency).HasColumnName("currency").HasColumnType("char(3)");
            order.Property(o => o.Subtotal).HasColumnName("subtotal").HasColumnType("numeric(18,2)");
            order.Property(o => o.Fee).HasColumnName("fee").HasColumnType("numeric(18,2)");
            order.Property(o => o.Total).HasColumnName("total").HasColumnType("numeric(18,2)");
            order.Property(o => o.PaymentToken).HasColumnName("payment_token");
            order.Property(o => o.PaymentId).HasColumnName("payment_id");
            order.Property(o => o.CreatedAt).HasColumnName("created_at");
            order.Property(o => o.UpdatedAt).HasColumnName("updated_at");
            order.Property(o => o.Version).IsRowVersion();
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId);
        });

        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("order_lines");
            line.HasKey(l => new { l.OrderId, l.LineNo });
            line.Property(l => l.OrderId).HasColumnName("order_id");
            line.Property(l => l.LineNo).HasColumnName("line_no").ValueGeneratedNever();
            line.Property(l => l.ProductId).HasColumnName("product_id");
            line.Property(l => l.Sku).HasColumnName("sku");
            line.Property(l => l.ProductName).HasColumnName("product_name");
            line.Property(l => l.UnitPrice).HasColumnName("unit_price").HasColumnType("numeric(18,2)");
            line.Property(l => l.Quantity).HasColumnName("quantity");
            line.Property(l => l.LineTotal).HasColumnName("line_total").HasColumnType("numeric(18,2)");
        });

        modelBuilder.Entity<OrderStatusChange>(change =>
        {
            change.ToTable("order_status_history");
            change.HasKey(h => h.Id);
            change.Property(h => h.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            change.Property(h => h.OrderId).HasColumnName("order_id");
            change.Property(h => h.From).HasColumnName("from_status").HasConversion(StatusConverter);
            change.Property(h => h.To).HasColumnName("to_status").HasConversion(StatusConverter);
            change.Property(h => h.Reason).HasColumnName("reason");
            change.Property(h => h.At).HasColumnName("occurred_at");
        });

        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotency_keys");
            request.HasKey(r => r.Key);
            request.Property(r => r.Key).HasColumnName("key");
            request.Property(r => r.RequestHash).HasColumnName("request_hash");
            request.Property(r => r.OrderId).HasColumnName("order_id");
            request.Property(r => r.Response).HasColumnName("response");
            request.Property(r => r.CreatedAt).HasColumnName("created_at");

            // Known to EF so the order row is inserted before the key that refers to it.
            request.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId);
        });
    }
}
