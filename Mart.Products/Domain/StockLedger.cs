using Mart.Contracts;
using Mart.Data;
using Mart.Products.Data;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Domain;

/// <summary>
/// Reserve, commit, release and restock (see docs/architecture.md), in the transaction the event consumer opened,
/// written by <see cref="StockWrites"/>. Idempotent per order: the reservations' statuses and the one decision per
/// order say what has already happened, so a repeated or late event changes nothing.
/// </summary>
public sealed class StockLedger(ProductsDbContext db, StockWrites writes, TimeProvider timeProvider, ILogger<StockLedger> logger)
{
    /// <summary>Holds every line of the order, or none; answers with stock.reserved or stock.rejected.</summary>
    public async Task ReserveAsync(Guid orderId, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        // One round trip in the usual case: the products are locked unless the order was decided already. Only when
        // nothing came back is the decision looked up (decided before, or none of the products exists).
        var request = StockRequest.From(lines);
        var products = await db.LockManyUndecidedAsync(request.Quantities.Keys, orderId, cancellationToken);
        if (products.Count == 0 && await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.OrderId == orderId, cancellationToken) is { } earlier)
        {
            StockLog.AlreadyDecided(logger, orderId, earlier.Outcome);
            return;
        }

        var shortages = new List<StockShortage>(request.Shortages);
        var reasons = new List<string>(request.Problems);
        foreach (var (productId, quantity) in request.Quantities)
        {
            if (!products.TryGetValue(productId, out var product))
            {
                shortages.Add(new StockShortage { ProductId = productId.ToString(), Requested = quantity, ProductMissing = true });
                reasons.Add($"product {productId} does not exist");
            }
            else if (product.DeletedAt is not null)
            {
                shortages.Add(new StockShortage { ProductId = productId.ToString(), Requested = quantity, ProductMissing = true });
                reasons.Add($"product {productId} ({product.Name}) was deleted");
            }
            else if (product.Available < quantity)
            {
                shortages.Add(new StockShortage { ProductId = productId.ToString(), Requested = quantity, Available = product.Available });
                reasons.Add($"insufficient stock for product {productId} ({product.Name}): requested {quantity}, available {product.Available}");
            }
        }

        var now = timeProvider.GetDatabaseNow();
        if (reasons.Count > 0)
        {
            var reason = string.Join("; ", reasons);
            var rejected = new StockRejected { OrderId = orderId.ToString(), Reason = reason };
            rejected.Shortages.AddRange(shortages);
            await writes.RejectAsync(orderId, reason, now, rejected, cancellationToken);
            StockLog.Rejected(logger, orderId, reason);
            return;
        }

        var reserved = new StockReserved { OrderId = orderId.ToString() };
        foreach (var (productId, quantity) in request.Quantities)
        {
            reserved.Lines.Add(new StockLine { ProductId = productId.ToString(), Quantity = quantity });
        }

        await writes.ReserveAsync(orderId, request.Quantities, now, reserved, cancellationToken);
        StockLog.Reserved(logger, orderId, request.Quantities.Count);
    }

    /// <summary>The order is paid: its held units leave the warehouse (on hand and reserved both go down).</summary>
    public async Task CommitAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var moved = await MoveAsync(orderId, ReservationStatus.Reserved, ReservationStatus.Committed, onHandSign: -1, reservedSign: -1, cancellationToken);
        if (moved > 0)
        {
            StockLog.Committed(logger, orderId, moved);
        }
        else
        {
            StockLog.NothingTo(logger, "commit", orderId);
        }
    }

    /// <summary>
    /// The order was cancelled before payment: its held units are available again. When the cancellation is the first
    /// this service hears of the order, that is recorded, so a late order.placed holds nothing.
    /// </summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var moved = await MoveAsync(orderId, ReservationStatus.Reserved, ReservationStatus.Released, onHandSign: 0, reservedSign: -1, cancellationToken);
        if (moved > 0)
        {
            StockLog.Released(logger, orderId, moved);
            return;
        }

        if (!await db.Decisions.AnyAsync(d => d.OrderId == orderId, cancellationToken))
        {
            await writes.CancelFirstAsync(orderId, "cancelled before order.placed was handled", timeProvider.GetDatabaseNow(), cancellationToken);
            StockLog.CancelledFirst(logger, orderId);
            return;
        }

        StockLog.NothingTo(logger, "release", orderId);
    }

    /// <summary>
    /// The sale was refunded: the sold units go back on hand. A refund handled before its sale (another stream) lets the
    /// hold go instead and marks it restocked, which leaves the later order.completed nothing to commit.
    /// </summary>
    public async Task RestockAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var moved = await MoveAsync(orderId, ReservationStatus.Committed, ReservationStatus.Restocked, onHandSign: 1, reservedSign: 0, cancellationToken);
        if (moved > 0)
        {
            StockLog.Restocked(logger, orderId, moved);
            return;
        }

        var unsold = await MoveAsync(orderId, ReservationStatus.Reserved, ReservationStatus.Restocked, onHandSign: 0, reservedSign: -1, cancellationToken);
        if (unsold > 0)
        {
            StockLog.RefundedBeforeSale(logger, orderId, unsold);
        }
        else
        {
            StockLog.NothingTo(logger, "restock", orderId);
        }
    }

    private Task<int> MoveAsync(Guid orderId, string from, string to, int onHandSign, int reservedSign, CancellationToken cancellationToken) =>
        writes.MoveAsync(orderId, from, to, onHandSign, reservedSign, timeProvider.GetDatabaseNow(), cancellationToken);
}
