using Microsoft.EntityFrameworkCore;

namespace Mart.Messaging;

/// <summary>EF Core mapping of the messaging tables created by <see cref="MessagingSchema"/>.</summary>
public static class MessagingModelBuilderExtensions
{
    /// <summary>Maps <see cref="OutboxMessage"/> to the <c>outbox</c> table; call from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.Type).HasColumnName("type");
            outbox.Property(m => m.Data).HasColumnName("data");
            outbox.Property(m => m.TraceParent).HasColumnName("traceparent");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
        });
        return modelBuilder;
    }
}
