namespace Mart.Products.Data;

/// <summary>A catalog entry and its stock; mapped to <c>products</c>.</summary>
public sealed class Product
{
    public Guid Id { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    public decimal Price { get; set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; set; }

    /// <summary>Units in the warehouse, including those held for orders.</summary>
    public int OnHand { get; set; }

    /// <summary>Units held for orders that are not paid yet; never more than <see cref="OnHand"/>.</summary>
    public int Reserved { get; set; }

    public int Available => OnHand - Reserved;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set by a soft delete: the product can no longer be ordered, but reservations made before still settle.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: changes with every update of the row; the concurrency token and the ETag.</summary>
    public uint Version { get; set; }
}
