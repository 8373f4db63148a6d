using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Mart.Products.Caching;
using Npgsql;

namespace Mart.Products.Data;

/// <summary>
/// The stock ledger's writes as SQL in the open transaction, one round trip each: through EF's change tracker these
/// per-order writes cost more CPU than their SQL. The table's checks still guard every counter.
/// </summary>
public sealed class StockWrites(ProductsDbContext db, IOutbox outbox, ProductCacheInvalidator cacheInvalidator)
{
    /// <summary>
    /// Holds <paramref name="quantities"/> for <paramref name="orderId"/>: the products' reserved units, one reservation
    /// per product, the decision and the outbox row of <paramref name="reserved"/>. The products must be locked by the
    /// caller (<see cref="ProductLocks.LockManyUndecidedAsync"/>), which checked their stock.
    /// </summary>
    public async Task ReserveAsync(
        Guid orderId, IReadOnlyDictionary<Guid, int> quantities, DateTimeOffset now, IMessage reserved, CancellationToken cancellationToken)
    {
        var ids = quantities.Keys.ToArray();
        var units = ids.Select(id => quantities[id]).ToArray();
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var hold = new NpgsqlBatchCommand(
            """
            UPDATE products SET reserved = reserved + line.quantity, updated_at = @now
            FROM unnest(@ids::uuid[], @units::int[]) AS line(id, quantity)
            WHERE products.id = line.id
            """);
        hold.Parameters.Bind("ids", ids).Bind("units", units).Bind("now", now);
        batch.BatchCommands.Add(hold);

        var reservations = new NpgsqlBatchCommand(
            """
            INSERT INTO stock_reservations (order_id, product_id, quantity, status, created_at, updated_at)
            SELECT @order_id, line.id, line.quantity, @status, @now, @now
            FROM unnest(@ids::uuid[], @units::int[]) AS line(id, quantity)
            """);
        reservations.Parameters
            .Bind("order_id", orderId)
            .Bind("ids", ids)
            .Bind("units", units)
            .Bind("status", ReservationStatus.Reserved)
            .Bind("now", now);
        batch.BatchCommands.Add(reservations);

        batch.BatchCommands.Add(DecisionInsert(orderId, StockOutcome.Reserved, reason: null, now));
        outbox.Enqueue(db, reserved);
        batch.AddEnqueued(db);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        StockChanged(ids);
    }

    /// <summary>Records that nothing is held for <paramref name="orderId"/>, and the outbox row of <paramref name="rejected"/>.</summary>
    public async Task RejectAsync(Guid orderId, string reason, DateTimeOffset now, IMessage rejected, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(DecisionInsert(orderId, StockOutcome.Rejected, reason, now));
        outbox.Enqueue(db, rejected);
        batch.AddEnqueued(db);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records that the order was cancelled before it was placed here, so a late order.placed holds nothing.</summary>
    public async Task CancelFirstAsync(Guid orderId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(DecisionInsert(orderId, StockOutcome.Cancelled, reason, now));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the order's reservations from <paramref name="from"/> to <paramref name="to"/>, adding their units times the
    /// signs to their products; returns how many moved. A second delivery waits on the moved rows, then finds none.
    /// </summary>
    public async Task<int> MoveAsync(
        Guid orderId, string from, string to, int onHandSign, int reservedSign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        var ids = new List<Guid>();
        var units = new List<int>();
        await using (var move = new NpgsqlCommand(
            """
            UPDATE stock_reservations SET status = @to, updated_at = @now
            WHERE order_id = @order_id AND status = @from
            RETURNING product_id, quantity
            """,
            transaction.Connection,
            transaction))
        {
            move.Parameters.Bind("order_id", orderId).Bind("from", from).Bind("to", to).Bind("now", now);
            await using var reader = await move.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
                units.Add(reader.GetInt32(1));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        // Products are locked in id order, as everywhere in Products, so overlapping orders cannot deadlock.
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        var locks = new NpgsqlBatchCommand("SELECT id FROM products WHERE id = ANY (@ids) ORDER BY id FOR UPDATE");
        locks.Parameters.Bind("ids", ids.ToArray());
        batch.BatchCommands.Add(locks);

        var apply = new NpgsqlBatchCommand(
            """
            UPDATE products
            SET on_hand = on_hand + @on_hand_sign * line.quantity, reserved = reserved + @reserved_sign * line.quantity, updated_at = @now
            FROM unnest(@ids::uuid[], @units::int[]) AS line(id, quantity)
            WHERE products.id = line.id
            """);
        apply.Parameters
            .Bind("ids", ids.ToArray())
            .Bind("units", units.ToArray())
            .Bind("on_hand_sign", onHandSign)
            .Bind("reserved_sign", reservedSign)
            .Bind("now", now);
        batch.BatchCommands.Add(apply);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        StockChanged(ids);
        return ids.Count;
    }

    // The change tracker does not see this SQL: its products go to the same invalidator EF's saves feed, removed on commit.
    private void StockChanged(IEnumerable<Guid> productIds) => cacheInvalidator.StockChanged(db, productIds);

    private static NpgsqlBatchCommand DecisionInsert(Guid orderId, string outcome, string? reason, DateTimeOffset now)
    {
        var decision = new NpgsqlBatchCommand(
            "INSERT INTO stock_decisions (order_id, outcome, reason, decided_at) VALUES (@order_id, @outcome, @reason, @decided_at)");
        decision.Parameters
            .Bind("order_id", orderId)
            .Bind("outcome", outcome)
            .BindNullable("reason", reason)
            .Bind("decided_at", now);
        return decision;
    }
}
