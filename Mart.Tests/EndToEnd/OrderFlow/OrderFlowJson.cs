namespace Mart.Tests.EndToEnd.OrderFlow;

public sealed record OrderJson(
    Guid Id,
    string CustomerId,
    string Status,
    string Reason,
    string Currency,
    List<OrderItemJson> Items,
    decimal Subtotal,
    decimal Fee,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    List<OrderHistoryJson> History);

public sealed record OrderItemJson(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record OrderHistoryJson(string Status, string Reason, DateTimeOffset At);

public sealed record OrderPageJson(List<OrderJson> Items, string? NextCursor);

public sealed record PaymentJson(
    Guid Id,
    Guid OrderId,
    decimal Amount,
    string Currency,
    string Status,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record PaymentListJson(List<PaymentJson> Items);

/// <summary>The part of a product the order-flow tests look at.</summary>
public sealed record CatalogProductJson(Guid Id, string Sku, string Name, decimal Price, string Currency, int OnHand, int Reserved, int Available);
