using Microsoft.EntityFrameworkCore;

namespace Mart.Payments.Data;

/// <summary>
/// The payments database. The schema comes from the ordered scripts in <c>Data/Migrations</c>, applied at start-up
/// (EF's design-time tooling is unavailable), so entity mappings added here must match those scripts.
/// </summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options);
