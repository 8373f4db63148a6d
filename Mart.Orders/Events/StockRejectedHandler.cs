using System.Globalization;
using Mart.Contracts;
using Mart.Messaging;
using Mart.Orders.Domain;
using Mart.Orders.Process;

namespace Mart.Orders.Events;

/// <summary>stock.rejected: the order cannot be fulfilled; the reason names each product that fell short.</summary>
public sealed class StockRejectedHandler(OrderProcess process) : IEventHandler<StockRejected>
{
    public Task HandleAsync(StockRejected message, EventContext context, CancellationToken cancellationToken) =>
        process.FireAsync(EventIds.Parse(message.OrderId, "order_id"), OrderTrigger.StockRejected, Describe(message), cancellationToken);

    /// <summary>
    /// Products' own reason when it gave one (it names the products); otherwise one built from the shortages, e.g.
    /// "stock rejected: product 0197… is no longer available; product 0198…: requested 3, available 1".
    /// </summary>
    public static string Describe(StockRejected message)
    {
        if (!string.IsNullOrWhiteSpace(message.Reason))
        {
            return $"stock rejected: {message.Reason}";
        }

        var details = message.Shortages.Select(shortage => shortage.ProductMissing
            ? $"product {shortage.ProductId} is no longer available"
            : string.Create(CultureInfo.InvariantCulture, $"product {shortage.ProductId}: requested {shortage.Requested}, available {shortage.Available}"));
        return message.Shortages.Count == 0 ? "stock rejected" : $"stock rejected: {string.Join("; ", details)}";
    }
}
