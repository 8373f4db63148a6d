namespace Mart.Products.Data;

/// <summary>Where a reservation stands; each status is entered at most once.</summary>
public static class ReservationStatus
{
    /// <summary>Held: counted in <c>reserved</c>.</summary>
    public const string Reserved = "reserved";

    /// <summary>Sold: taken out of <c>on_hand</c> and <c>reserved</c>.</summary>
    public const string Committed = "committed";

    /// <summary>The order was cancelled before payment: the units are available again.</summary>
    public const string Released = "released";

    /// <summary>
    /// The sale was refunded: the units went back into <c>on_hand</c>; or the refund was handled before the sale, and the
    /// held units were let go without ever leaving.
    /// </summary>
    public const string Restocked = "restocked";
}
