using Google.Protobuf;
using Mart.Orders.Domain;
using Mart.Data;
using Mart.Messaging;
using Npgsql;

namespace Mart.Orders.Data;

/// <summary>
/// Writes orders as SQL in the open transaction, one round trip per unit of work: a new order with its lines, first
/// history entry and order.placed; an order's move (its status, reason and payment fields, the history entry, and the
/// event it publishes). Every order is placed once and moved several times; through EF's change tracker each of these
/// writes cost more CPU than all its SQL together. A moved order's row is locked by the process, so nothing is lost by
/// writing it directly.
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
        update.Parameters.Add(NullableParameters.Text(order.PaymentToken));
        update.Parameters.Add(NullableParameters.Uuid(order.PaymentId));
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = order.UpdatedAt });
        batch.BatchCommands.Add(update);

        if (change is not null)
        {
            batch.BatchCommands.Add(HistoryInsert(change));
        }

        if (message is not null)
        {
            outbox.Enqueue(db, message, batch);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            throw new InvalidOperationException($"Order {order.Id} was not found to store its move.");
        }
    }

    /// <summary>
    /// Inserts a new order with its lines, its first history entry, the outbox row of <paramref name="placed"/> and,
    /// when given, the <paramref name="idempotentRequest"/>, in one round trip in the open transaction. A key another
    /// request stored first fails with PostgreSQL's unique violation on <c>idempotency_keys_pkey</c>.
    /// </summary>
    public static async Task PlaceAsync(
        OrdersDbContext db, Order order, IOutbox outbox, IMessage placed, IdempotentRequest? idempotentRequest, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO orders (id, customer_id, status, reason, currency, subtotal, fee, total, payment_token, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = order.Id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.CustomerId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Status.ToName() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Reason });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Currency });
        insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = order.Subtotal });
        insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = order.Fee });
        insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = order.Total });
        insert.Parameters.Add(NullableParameters.Text(order.PaymentToken));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = order.CreatedAt });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = order.UpdatedAt });
        batch.BatchCommands.Add(insert);

        var lines = new NpgsqlBatchCommand(
            """
            INSERT INTO order_lines (order_id, line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            SELECT $1, line.*
            FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::int[], $8::numeric[])
                AS line(line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            """);
        lines.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = order.Id });
        lines.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. order.Lines.Select(line => line.LineNo)] });
        lines.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. order.Lines.Select(line => line.ProductId)] });
        lines.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. order.Lines.Select(line => line.Sku)] });
        lines.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. order.Lines.Select(line => line.ProductName)] });
        lines.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. order.Lines.Select(line => line.UnitPrice)] });
        lines.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. order.Lines.Select(line => line.Quantity)] });
        lines.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. order.Lines.Select(line => line.LineTotal)] });
        batch.BatchCommands.Add(lines);

        foreach (var change in order.History)
        {
            batch.BatchCommands.Add(HistoryInsert(change));
        }

        if (idempotentRequest is not null)
        {
            var key = new NpgsqlBatchCommand(
                "INSERT INTO idempotency_keys (key, request_hash, order_id, response, created_at) VALUES ($1, $2, $3, $4, $5)");
            key.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotentRequest.Key });
            key.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotentRequest.RequestHash });
            key.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = idempotentRequest.OrderId });
            key.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotentRequest.Response });
            key.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = idempotentRequest.CreatedAt });
            batch.BatchCommands.Add(key);
        }

        outbox.Enqueue(db, placed, batch);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand HistoryInsert(OrderStatusChange change)
    {
        var history = new NpgsqlBatchCommand(
            "INSERT INTO order_status_history (order_id, from_status, to_status, reason, occurred_at) VALUES ($1, $2, $3, $4, $5)");
        history.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = change.OrderId });
        history.Parameters.Add(NullableParameters.Text(change.From?.ToName()));
        history.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.To.ToName() });
        history.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Reason });
        history.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.At });
        return history;
    }
}
