using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Mart.Messaging;

/// <summary>Publishes events transactionally: an event is an outbox row committed with the state change that caused it.</summary>
public interface IOutbox
{
    /// <summary>
    /// Adds <paramref name="message"/> to <paramref name="dbContext"/> as an outbox row, published after it commits.
    /// The row is written by whatever writes the caller's changes: its next <c>SaveChanges</c>, or, for work written as
    /// SQL, the batch that <see cref="OutboxSql.AddEnqueued"/> hands it to. A transaction that would commit with the row
    /// still unwritten throws instead. Never talks to Redis. Throws when <typeparamref name="TMessage"/> declares no event type.
    /// </summary>
    OutboxMessage Enqueue<TMessage>(DbContext dbContext, TMessage message)
        where TMessage : IMessage;

}
