using System.Diagnostics.CodeAnalysis;

namespace Mart.Orders.Domain;

/// <summary>The names statuses carry in JSON and in the database (<c>awaiting_payment</c>, ...).</summary>
public static class OrderStatusNames
{
    private static readonly Dictionary<OrderStatus, string> Names = new()
    {
        [OrderStatus.Pending] = "pending",
        [OrderStatus.AwaitingPayment] = "awaiting_payment",
        [OrderStatus.Completed] = "completed",
        [OrderStatus.Rejected] = "rejected",
        [OrderStatus.Cancelled] = "cancelled",
        [OrderStatus.RefundPending] = "refund_pending",
        [OrderStatus.Refunded] = "refunded",
    };

    private static readonly Dictionary<string, OrderStatus> ByName = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every name, in the order of the enum.</summary>
    public static IReadOnlyCollection<string> All => Names.Values;

    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string ToName(this OrderStatus status) => Names[status];

    /// <summary>Parses a wire name; exact and case-sensitive, as the API documents them.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out OrderStatus? status)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            status = found;
            return true;
        }

        status = null;
        return false;
    }

    /// <summary>Parses a name read from the database, where the check constraint guarantees it is known.</summary>
    public static OrderStatus Parse(string name) =>
        TryParse(name, out var status) ? status.Value : throw new FormatException($"Unknown order status '{name}'.");
}
