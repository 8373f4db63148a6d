using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Data;

/// <summary>
/// The catalog and stock database. The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up
/// (EF's design-time tooling is unavailable), so entity mappings added here must match those scripts.
/// </summary>
public sealed class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options);
