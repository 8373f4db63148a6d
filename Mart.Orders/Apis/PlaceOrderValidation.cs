using Mart.Orders.Domain;
using Mart.ServiceDefaults.Validation;

namespace Mart.Orders.Apis;

/// <summary>The rules of a <c>POST /orders</c> request, each problem reported under its field (or header) name.</summary>
public static class PlaceOrderValidation
{
    /// <summary>A customer's id as the identity service gives it (the token's <c>sub</c>).</summary>
    public static readonly TextRule CustomerId = new(OrderLimits.MaxCustomerIdLength);

    public static readonly TextRule PaymentToken = new(OrderLimits.MaxPaymentTokenLength);

    public static readonly HeaderRule IdempotencyKey = new("Idempotency-Key", OrderLimits.MaxIdempotencyKeyLength);

    /// <summary>The request with its text trimmed and its currency upper case, or null with the problems in <paramref name="errors"/>.</summary>
    public static PlaceOrderRequest? Check(PlaceOrderRequest request, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        errors.AddUnknown(request.UnknownFields);
        var paymentToken = PaymentToken.Check(request.PaymentToken, "paymentToken", errors);

        // Upper case, as Products stores every price: "eur" is the same order as "EUR".
        string? currency = null;
        if (string.IsNullOrWhiteSpace(request.Currency))
        {
            errors.Add("currency", "The currency is required.");
        }
        else if (!Iso4217.TryNormalize(request.Currency, out var code))
        {
            errors.Add("currency", "The currency must be an active ISO 4217 code, e.g. EUR.");
        }
        else
        {
            currency = code;
        }

        var items = Items(request.Items, errors);
        return errors.Any ? null : request with { Currency = currency, PaymentToken = paymentToken, Items = items, UnknownFields = null };
    }

    private static List<PlaceOrderItem?>? Items(List<PlaceOrderItem?>? items, FieldErrors errors)
    {
        if (items is null)
        {
            errors.Add("items", "The lines are required.");
            return null;
        }

        if (items.Count is 0 or > OrderLimits.MaxLines)
        {
            errors.Add("items", $"An order has 1 to {OrderLimits.MaxLines} lines.");
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors.Add($"items[{i}]", "The line is null.");
                continue;
            }

            errors.AddUnknown(item.UnknownFields?.ToDictionary(pair => $"items[{i}].{pair.Key}", pair => pair.Value));
            if (item.ProductId is null)
            {
                errors.Add($"items[{i}].productId", "The product id is required.");
            }

            if (item.Quantity is not { } quantity)
            {
                errors.Add($"items[{i}].quantity", "The quantity is required.");
            }
            else if (quantity is < 1 or > OrderLimits.MaxQuantityPerLine)
            {
                errors.Add($"items[{i}].quantity", $"The quantity must be from 1 to {OrderLimits.MaxQuantityPerLine}.");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var tooMany = items
            .GroupBy(item => item!.ProductId!.Value)
            .Where(group => group.Sum(item => (long)item!.Quantity!.Value) > OrderLimits.MaxQuantityPerLine)
            .Select(group => group.Key)
            .ToList();
        if (tooMany.Count > 0)
        {
            errors.Add("items", $"At most {OrderLimits.MaxQuantityPerLine} units of one product per order (lines for the same product are added up): {string.Join(", ", tooMany)}.");
        }

        return items;
    }
}
