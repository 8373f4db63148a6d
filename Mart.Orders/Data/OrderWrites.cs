using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Mart.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Orders.Data;

/// <summary>
/// Writes orders as SQL in the open transaction, one round trip per unit of work: a new order with its lines, first
/// history entry and order.placed; an order's move with its history entry and event. Through EF's change tracker each
/// of these writes cost more CPU than all its SQL together.
/// </summary>
public static class OrderWrites
{
    /// <summary>
    /// Stores <paramref name="order"/>'s mutable fields and, when given, <paramref name="change"/> and the outbox row of
    /// <paramref name="message"/>.
    /// </summary>
    /// <remarks>The caller's transaction holds the row lock; a tracked order would be written again by SaveChanges.</remarks>
    public static async Task SaveAsync(
        OrdersDbContext db, Order order, OrderStatusChange? change, IOutbox outbox, IMessage? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        if (db.Entry(order).State != EntityState.Detached)
        {
            throw new InvalidOperationException($"Order {order.Id} is tracked; load it untracked (and locked) to store it as SQL.");
        }

        // The transaction that holds the order's row lock.
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var update = new NpgsqlBatchCommand(
            """
            UPDATE orders SET status = @status, reason = @reason, payment_token = @payment_token, payment_id = @payment_id,
                updated_at = @updated_at
            WHERE id = @id
            """);
        update.Parameters
            .Bind("id", order.Id)
            .Bind("status", order.Status.ToName())
            .Bind("reason", order.Reason)
            .BindNullable("payment_token", order.PaymentToken)
            .BindNullable("payment_id", order.PaymentId)
            .Bind("updated_at", order.UpdatedAt);
        batch.BatchCommands.Add(update);

        if (change is not null)
        {
            batch.BatchCommands.Add(HistoryInsert(change));
        }

        if (message is not null)
        {
            outbox.Enqueue(db, message);
        }

        batch.AddEnqueued(db);
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
            VALUES (@id, @customer_id, @status, @reason, @currency, @subtotal, @fee, @total, @payment_token, @created_at, @updated_at)
            """);
        insert.Parameters
            .Bind("id", order.Id)
            .Bind("customer_id", order.CustomerId)
            .Bind("status", order.Status.ToName())
            .Bind("reason", order.Reason)
            .Bind("currency", order.Currency)
            .Bind("subtotal", order.Subtotal)
            .Bind("fee", order.Fee)
            .Bind("total", order.Total)
            .BindNullable("payment_token", order.PaymentToken)
            .Bind("created_at", order.CreatedAt)
            .Bind("updated_at", order.UpdatedAt);
        batch.BatchCommands.Add(insert);

        // One row per line, from arrays that are read column by column.
        var lines = new NpgsqlBatchCommand(
            """
            INSERT INTO order_lines (order_id, line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            SELECT @order_id, line.*
            FROM unnest(@line_no::int[], @product_id::uuid[], @sku::text[], @product_name::text[], @unit_price::numeric[],
                        @quantity::int[], @line_total::numeric[])
                AS line(line_no, product_id, sku, product_name, unit_price, quantity, line_total)
            """);
        lines.Parameters
            .Bind("order_id", order.Id)
            .Bind("line_no", order.Lines.Select(line => line.LineNo).ToArray())
            .Bind("product_id", order.Lines.Select(line => line.ProductId).ToArray())
            .Bind("sku", order.Lines.Select(line => line.Sku).ToArray())
            .Bind("product_name", order.Lines.Select(line => line.ProductName).ToArray())
            .Bind("unit_price", order.Lines.Select(line => line.UnitPrice).ToArray())
            .Bind("quantity", order.Lines.Select(line => line.Quantity).ToArray())
            .Bind("line_total", order.Lines.Select(line => line.LineTotal).ToArray());
        batch.BatchCommands.Add(lines);

        foreach (var change in order.History)
        {
            batch.BatchCommands.Add(HistoryInsert(change));
        }

        if (idempotentRequest is not null)
        {
            var key = new NpgsqlBatchCommand(
                """
                INSERT INTO idempotency_keys (customer_id, key, request_hash, order_id, response, created_at)
                VALUES (@customer_id, @key, @request_hash, @order_id, @response, @created_at)
                """);
            key.Parameters
                .Bind("customer_id", idempotentRequest.CustomerId)
                .Bind("key", idempotentRequest.Key)
                .Bind("request_hash", idempotentRequest.RequestHash)
                .Bind("order_id", idempotentRequest.OrderId)
                .Bind("response", idempotentRequest.Response)
                .Bind("created_at", idempotentRequest.CreatedAt);
            batch.BatchCommands.Add(key);
        }

        outbox.Enqueue(db, placed);
        batch.AddEnqueued(db);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand HistoryInsert(OrderStatusChange change)
    {
        var history = new NpgsqlBatchCommand(
            """
            INSERT INTO order_status_history (order_id, from_status, to_status, reason, occurred_at)
            VALUES (@order_id, @from_status, @to_status, @reason, @occurred_at)
            """);
        history.Parameters
            .Bind("order_id", change.OrderId)
            .BindNullable("from_status", change.From?.ToName())
            .Bind("to_status", change.To.ToName())
            .Bind("reason", change.Reason)
            .Bind("occurred_at", change.At);
        return history;
    }
}
