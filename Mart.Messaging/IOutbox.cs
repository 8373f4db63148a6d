using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Messaging;

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

    /// <summary>
    /// Adds the INSERT of <paramref name="message"/>'s outbox row to <paramref name="batch"/>: for work written as SQL,
    /// whose batch runs in <paramref name="dbContext"/>'s open transaction, so the event needs no round trip of its own.
    /// Published once that transaction commits. Throws when the message's type declares no event type.
    /// </summary>
    OutboxMessage Enqueue(DbContext dbContext, IMessage message, NpgsqlBatch batch);
}
