namespace Mart.Products.Data;

/// <summary>Units of one product held for one order; mapped to <c>stock_reservations</c>.</summary>
public sealed class StockReservation
{
    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }

    /// <summary>One of <see cref="ReservationStatus"/>.</summary>
    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
