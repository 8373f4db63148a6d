using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Mart.Messaging;

/// <summary>Publishes events transactionally: an event is an outbox row committed with the state change that caused
/// it.</summary>
public interface IOutbox
{
    /// <summary>Adds <paramref name="message"/> to <paramref name="dbContext"/> as an outbox row, published after it
    /// commits.</summary>
    /// <remarks>
    /// The caller's next <c>SaveChanges</c> writes the row, or for work written as SQL the batch given to
    /// <see cref="OutboxSql.AddEnqueued"/>; a commit with the row unwritten throws.
    /// </remarks>
    OutboxMessage Enqueue<TMessage>(DbContext dbContext, TMessage message)
        where TMessage : IMessage;

}
