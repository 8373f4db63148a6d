using Mart.Contracts;

namespace Mart.Products.Domain;

/// <summary>
/// The lines of an order as stock sees them: quantities summed per product (one reservation row per order and
/// product), and the lines that cannot be reserved whatever the stock (an id that is not a UUID, a quantity below 1).
/// </summary>
public sealed class StockRequest
{
    private StockRequest(Dictionary<Guid, int> quantities, List<StockShortage> shortages, List<string> problems)
    {
        Quantities = quantities;
        Shortages = shortages;
        Problems = problems;
    }

    /// <summary>Units per product, every one at least 1.</summary>
    public IReadOnlyDictionary<Guid, int> Quantities { get; }

    /// <summary>Shortages to report for the unusable lines.</summary>
    public IReadOnlyList<StockShortage> Shortages { get; }

    /// <summary>Why those lines are unusable, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static StockRequest From(IReadOnlyList<OrderLine> lines)
    {
        var quantities = new Dictionary<Guid, long>();
        var shortages = new List<StockShortage>();
        var problems = new List<string>();
        if (lines.Count == 0)
        {
            problems.Add("the order has no lines");
        }

        foreach (var line in lines)
        {
            if (!Guid.TryParse(line.ProductId, out var productId))
            {
                shortages.Add(new StockShortage { ProductId = line.ProductId, Requested = line.Quantity, ProductMissing = true });
                problems.Add($"product '{line.ProductId}' does not exist");
            }
            else if (line.Quantity < 1)
            {
                shortages.Add(new StockShortage { ProductId = line.ProductId, Requested = line.Quantity });
                problems.Add($"quantity {line.Quantity} for product {productId} is not a positive number");
            }
            else
            {
                quantities[productId] = quantities.GetValueOrDefault(productId) + line.Quantity;
            }
        }

        // Summed duplicates can exceed int; no product can hold that many, so the cap only keeps the arithmetic exact.
        var capped = quantities.ToDictionary(pair => pair.Key, pair => (int)Math.Min(pair.Value, int.MaxValue));
        return new StockRequest(capped, shortages, problems);
    }
}
