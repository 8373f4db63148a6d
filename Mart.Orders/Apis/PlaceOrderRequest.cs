using System.ComponentModel.DataAnnotations;
using Mart.Orders.Domain;

namespace Mart.Orders.Apis;

/// <summary>Body of <c>POST /orders</c>.</summary>
public sealed record PlaceOrderRequest
{
    [Required]
    [StringLength(OrderLimits.MaxCustomerIdLength)]
    public string? CustomerId { get; init; }

    /// <summary>ISO 4217; every product on the order must be priced in it.</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "The currency must be an ISO 4217 code of three capital letters, e.g. EUR.")]
    public string? Currency { get; init; }

    /// <summary>1 to 50 lines; lines naming the same product are merged.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(OrderLimits.MaxLines)]
    public List<PlaceOrderItem>? Items { get; init; }

    /// <summary>The customer's payment method, passed to the payment gateway as is.</summary>
    [Required]
    [StringLength(OrderLimits.MaxPaymentTokenLength)]
    public string? PaymentToken { get; init; }
}

/// <summary>One line of <see cref="PlaceOrderRequest"/>.</summary>
public sealed record PlaceOrderItem
{
    [Required]
    public Guid? ProductId { get; init; }

    [Required]
    [Range(1, OrderLimits.MaxQuantityPerLine)]
    public int? Quantity { get; init; }
}
