namespace OrdersBench;

internal sealed record CreatedProduct(Guid Id);

internal sealed record PlacedOrder(Guid Id);

internal sealed record OrderPage(List<ListedOrder> Items, string? NextCursor);

internal sealed record ListedOrder(Guid Id, string Status, List<HistoryEntry> History);

internal sealed record HistoryEntry(string Status, DateTimeOffset At);

internal sealed record CatalogStock(Guid Id, int Reserved);
