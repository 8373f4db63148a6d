using Microsoft.EntityFrameworkCore;

namespace Mart.Market.Data;

/// <summary>
/// The market data database (quote history). The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up
/// (EF's design-time tooling is unavailable), so entity mappings added here must match those scripts.
/// </summary>
public sealed class MarketDbContext(DbContextOptions<MarketDbContext> options) : DbContext(options);
