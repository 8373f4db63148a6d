using Mart.Data;
using Mart.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Mart.Tests.Integration.Messaging;

/// <summary>A service-like DbContext: the outbox plus one table handlers write their effects to.</summary>
public sealed class MessagingTestDbContext(DbContextOptions<MessagingTestDbContext> options) : DbContext(options)
{
    /// <summary>The test table; deliberately without a unique constraint on the message, so only the inbox prevents doubles.</summary>
    public static readonly SqlMigration EffectsTable = new(
        "test/0001_effects",
        """
        CREATE TABLE handled_effects (
            id          uuid        PRIMARY KEY,
            message_id  uuid        NOT NULL,
            product_id  text        NOT NULL,
            consumer    text        NOT NULL,
            trace_id    text        NULL,
            parent_id   text        NULL
        );
        """);

    public DbSet<HandledEffect> Effects => Set<HandledEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.Entity<HandledEffect>(effect =>
        {
            effect.ToTable("handled_effects");
            effect.HasKey(e => e.Id);
            effect.Property(e => e.Id).HasColumnName("id");
            effect.Property(e => e.MessageId).HasColumnName("message_id");
            effect.Property(e => e.ProductId).HasColumnName("product_id");
            effect.Property(e => e.Consumer).HasColumnName("consumer");
            effect.Property(e => e.TraceId).HasColumnName("trace_id");
            effect.Property(e => e.ParentId).HasColumnName("parent_id");
        });
    }
}
