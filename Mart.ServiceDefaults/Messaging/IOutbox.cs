using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>Publishes events transactionally: an event is an outbox row committed with the state change that caused it.</summary>
public interface IOutbox
{
    /// <summary>
    /// Adds <paramref name="message"/> to <paramref name="dbContext"/> as an outbox row; it is written by the caller's
    /// next <c>SaveChanges</c> (inside the caller's transaction, if one is open) and published after the commit.
    /// Never talks to Redis. Throws when <typeparamref name="TMessage"/> declares no event type.
    /// </summary>
    OutboxMessage Enqueue<TMessage>(DbContext dbContext, TMessage message)
        where TMessage : IMessage;
}
