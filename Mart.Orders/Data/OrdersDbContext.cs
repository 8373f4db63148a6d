using Microsoft.EntityFrameworkCore;

namespace Mart.Orders.Data;

/// <summary>
/// The orders database (orders, their lines and status history). The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up
/// (EF's design-time tooling is unavailable), so entity mappings added here must match those scripts.
/// </summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options);
