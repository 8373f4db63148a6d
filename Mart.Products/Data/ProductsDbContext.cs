using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Data;

/// <summary>
/// The catalog and stock database. The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up
/// (EF's design-time tooling is unavailable), so entity mappings added here must match those scripts.
/// </summary>
public sealed class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<StockReservation> Reservations => Set<StockReservation>();

    public DbSet<StockDecision> Decisions => Set<StockDecision>();

    public DbSet<StockAdjustment> Adjustments => Set<StockAdjustment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            product.Property(p => p.Sku).HasColumnName("sku");
            product.Property(p => p.Name).HasColumnName("name");
            product.Property(p => p.Description).HasColumnName("description");
            product.Property(p => p.Price).HasColumnName("price").HasColumnType("numeric(18,2)");
            product.Property(p => p.Currency).HasColumnName("currency").HasColumnType("char(3)");
            product.Property(p => p.OnHand).HasColumnName("on_hand");
            product.Property(p => p.Reserved).HasColumnName("reserved");
            product.Property(p => p.CreatedAt).HasColumnName("created_at");
            product.Property(p => p.UpdatedAt).HasColumnName("updated_at");
            product.Property(p => p.DeletedAt).HasColumnName("deleted_at");
            product.Property(p => p.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
            product.Ignore(p => p.Available);
        });

        modelBuilder.Entity<StockReservation>(reservation =>
        {
            reservation.ToTable("stock_reservations");
            reservation.HasKey(r => new { r.OrderId, r.ProductId });
            reservation.Property(r => r.OrderId).HasColumnName("order_id");
            reservation.Property(r => r.ProductId).HasColumnName("product_id");
            reservation.Property(r => r.Quantity).HasColumnName("quantity");
            reservation.Property(r => r.Status).HasColumnName("status");
            reservation.Property(r => r.CreatedAt).HasColumnName("created_at");
            reservation.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<StockDecision>(decision =>
        {
            decision.ToTable("stock_decisions");
            decision.HasKey(d => d.OrderId);
            decision.Property(d => d.OrderId).HasColumnName("order_id").ValueGeneratedNever();
            decision.Property(d => d.Outcome).HasColumnName("outcome");
            decision.Property(d => d.Reason).HasColumnName("reason");
            decision.Property(d => d.DecidedAt).HasColumnName("decided_at");
        });

        modelBuilder.Entity<StockAdjustment>(adjustment =>
        {
            adjustment.ToTable("stock_adjustments");
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            adjustment.Property(a => a.ProductId).HasColumnName("product_id");
            adjustment.Property(a => a.Delta).HasColumnName("delta");
            adjustment.Property(a => a.Reason).HasColumnName("reason");
            adjustment.Property(a => a.OnHandAfter).HasColumnName("on_hand_after");
            adjustment.Property(a => a.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.AddOutbox();
    }
}
