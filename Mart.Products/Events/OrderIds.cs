using Mart.Products.Domain;
using Mart.ServiceDefaults.Messaging;

namespace Mart.Products.Events;

/// <summary>Reads the order id of an event.</summary>
internal static class OrderIds
{
    /// <summary>
    /// False (with a warning) when the id is not a UUID: such an event can name no order, so there is nothing to
    /// hold, settle or answer, and retrying it would not change that.
    /// </summary>
    public static bool TryParse(string text, EventContext context, ILogger logger, out Guid orderId)
    {
        if (Guid.TryParse(text, out orderId))
        {
            return true;
        }

        StockLog.MalformedOrderId(logger, context.Type, text);
        return false;
    }
}
