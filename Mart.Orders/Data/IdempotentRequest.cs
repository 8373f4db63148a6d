namespace Mart.Orders.Data;

/// <summary>
/// An <c>Idempotency-Key</c> seen on <c>POST /orders</c>: a digest of the request it came with and the response
/// given, so a retry of the same request gets the same answer and a different request under the key is refused.
/// Keys belong to the customer who sent them: two customers may choose the same key.
/// </summary>
public sealed class IdempotentRequest
{
    public required string CustomerId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 (hex) of the request body in canonical form.</summary>
    public required string RequestHash { get; init; }

    public required Guid OrderId { get; init; }

    /// <summary>The JSON body of the original 201 response.</summary>
    public required string Response { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
