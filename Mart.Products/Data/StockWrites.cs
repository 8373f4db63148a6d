using Google.Protobuf;
using Mart.Data;
using Mart.Messaging;
using Npgsql;

namespace Mart.Products.Data;

/// <summary>
/// The stock ledger's writes as SQL in the open transaction: an order's reservations, their products' counters and the
/// answer's event, one round trip each. Every order reserves and settles stock; through EF's change tracker those
/// writes cost Products more CPU than their SQL. The rows are locked by the ledger first (products in id order), so
/// nothing is lost by writing them directly, and the table's checks (reserved within on hand, nothing negative) still
/// guard every counter.
/// </summary>
public static class StockWrites
{
    /// <summary>
    /// Holds <paramref name="quantities"/> for <paramref name="orderId"/>: adds them to the products' reserved units,
    /// inserts one reservation per product, records the decision and the outbox row of <paramref name="reserved"/>.
    /// The products must be locked by the caller.
    /// </summary>
    public static async Task ReserveAsync(
        ProductsDbContext db,
        Guid orderId,
        IReadOnlyDictionary<Guid, int> quantities,
        DateTimeOffset now,
        IOutbox outbox,
        IMessage reserved,
        CancellationToken cancellationToken)
    {
        var ids = quantities.Keys.ToArray();
        var units = ids.Select(id => quantities[id]).ToArray();
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var hold = new NpgsqlBatchCommand(
            """
            UPDATE products SET reserved = reserved + line.quantity, updated_at = $3
            FROM unnest($1::uuid[], $2::int[]) AS line(id, quantity)
            WHERE products.id = line.id
            """);
        AddLines(hold, ids, units, now);
        batch.BatchCommands.Add(hold);

        var reservations = new NpgsqlBatchCommand(
            """
            INSERT INTO stock_reservations (order_id, product_id, quantity, status, created_at, updated_at)
            SELECT $4, line.id, line.quantity, 'reserved', $3, $3 FROM unnest($1::uuid[], $2::int[]) AS line(id, quantity)
            """);
        AddLines(reservations, ids, units, now);
        reservations.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
        batch.BatchCommands.Add(reservations);

        var decision = new NpgsqlBatchCommand("INSERT INTO stock_decisions (order_id, outcome, decided_at) VALUES ($1, 'reserved', $2)");
        decision.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
        decision.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        batch.BatchCommands.Add(decision);
        outbox.Enqueue(db, reserved);
        batch.AddEnqueued(db);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the order's reservations from <paramref name="from"/> to <paramref name="to"/> and returns them (product and
    /// units). Their rows stay locked until the transaction ends, so a second delivery of the same event waits here and
    /// then finds nothing left in <paramref name="from"/>.
    /// </summary>
    public static async Task<List<(Guid ProductId, int Quantity)>> MoveReservationsAsync(
        ProductsDbContext db, Guid orderId, string from, string to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.CurrentNpgsqlTransaction();
        await using var move = new NpgsqlCommand(
            "UPDATE stock_reservations SET status = $3, updated_at = $4 WHERE order_id = $1 AND status = $2 RETURNING product_id, quantity",
            transaction.Connection,
            transaction);
        move.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = to });
        move.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });

        var moved = new List<(Guid, int)>();
        await using var reader = await move.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            moved.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }

        return moved;
    }

    /// <summary>
    /// Adds <paramref name="onHandSign"/> and <paramref name="reservedSign"/> times each line's units to its product's
    /// on hand and reserved units, locking the products in id order first (as every product lock in Products does), so
    /// two transactions over overlapping products cannot deadlock.
    /// </summary>
    public static async Task ApplyToProductsAsync(
        ProductsDbContext db, IReadOnlyList<(Guid ProductId, int Quantity)> lines, int onHandSign, int reservedSign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = lines.Select(line => line.ProductId).ToArray();
        var units = lines.Select(line => line.Quantity).ToArray();
        var transaction = db.CurrentNpgsqlTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);

        var locks = new NpgsqlBatchCommand("SELECT id FROM products WHERE id = ANY ($1) ORDER BY id FOR UPDATE");
        locks.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        batch.BatchCommands.Add(locks);

        var apply = new NpgsqlBatchCommand(
            """
            UPDATE products SET on_hand = on_hand + $4 * line.quantity, reserved = reserved + $5 * line.quantity, updated_at = $3
            FROM unnest($1::uuid[], $2::int[]) AS line(id, quantity)
            WHERE products.id = line.id
            """);
        AddLines(apply, ids, units, now);
        apply.Parameters.Add(new NpgsqlParameter<int> { TypedValue = onHandSign });
        apply.Parameters.Add(new NpgsqlParameter<int> { TypedValue = reservedSign });
        batch.BatchCommands.Add(apply);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    // $1 the product ids, $2 their units, $3 the time of the change.
    private static void AddLines(NpgsqlBatchCommand command, Guid[] ids, int[] units, DateTimeOffset now)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = units });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    }
}
