using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Data;

/// <summary>
/// The catalog and stock database. The schema comes from the scripts in <c>Data/Migrations</c>, so mappings here must
/// match them; columns are named by the snake case convention (see ProductsServiceExtensions).
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
            product.Property(p => p.Id).ValueGeneratedNever();
            product.Property(p => p.Price).HasColumnType("numeric(18,2)");
            product.Property(p => p.Currency).HasColumnType("char(3)");
            product.Property(p => p.Version).IsRowVersion();
            product.Ignore(p => p.Available);
        });

        modelBuilder.Entity<StockReservation>(reservation =>
        {
            reservation.ToTable("stock_reservations");
            reservation.HasKey(r => new { r.OrderId, r.ProductId });
        });

        modelBuilder.Entity<StockDecision>(decision =>
        {
            decision.ToTable("stock_decisions");
            decision.HasKey(d => d.OrderId);
            decision.Property(d => d.OrderId).ValueGeneratedNever();
        });

        modelBuilder.Entity<StockAdjustment>(adjustment =>
        {
            adjustment.ToTable("stock_adjustments");
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.Id).ValueGeneratedNever();
        });

        modelBuilder.AddOutbox();
    }
}
