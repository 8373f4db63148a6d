using Google.Protobuf;
using Mart.Orders.Domain;
using Mart.ServiceDefaults.Data;
using Mart.ServiceDefaults.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace Mart.Orders.Data;

/// <summary>
/// Writes an order's move (its new status, reason and payment fields, the history entry, and the event it publishes)
/// as SQL in the open transaction, in one round trip. The order process moves every order several times; through EF's change tracker
/// each move cost more CPU than all its SQL together, and the row is locked by the process anyway, so nothing is
/// lost by writing it directly.
/// </summary>
public static class OrderWrites
{
    /// <summary>
    /// Stores <paramref name="order"/>'s mutable fields and, when given, <paramref name="change"/> and the outbox row of
    /// <paramref name="message"/>. The order must be locked by the caller's transaction (<c>FOR UPDATE</c>) and
    /// untracked, or SaveChanges would write it again.
    /// </summary>
    public static async Task SaveAsync(
        OrdersDbContext db, Order order, OrderStatusChange? change, IOutbox outbox, IMessage? message, CancellationToken cancellationToken)
    {
        // The transaction that holds the order's row lock.
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var update = new NpgsqlBatchCommand(
            "UPDATE orders SET status = $2, reason = $3, payment_token = $4, payment_id = $5, updated_at = $6 WHERE id = $1");
        update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = order.Id });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Status.ToName() });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Reason });
        update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)order.PaymentToken ?? DBNull.Value });
        update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)order.PaymentId ?? DBNull.Value });
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = order.UpdatedAt });
        batch.BatchCommands.Add(update);

        if (change is not null)
        {
            var history = new NpgsqlBatchCommand(
                "INSERT INTO order_status_history (order_id, from_status, to_status, reason, occurred_at) VALUES ($1, $2, $3, $4, $5)");
            history.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = change.OrderId });
            history.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)change.From?.ToName() ?? DBNull.Value });
            history.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.To.ToName() });
            history.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Reason });
            history.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.At });
            batch.BatchCommands.Add(history);
        }

        if (message is not null)
        {
            outbox.Enqueue(db, message, batch);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            throw new InvalidOperationException($"Order {order.Id} was not found to store its move.");
        }
    }
}
