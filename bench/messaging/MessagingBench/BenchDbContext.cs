using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MessagingBench;

/// <summary>A service database reduced to the messaging tables.</summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutbox();
}
