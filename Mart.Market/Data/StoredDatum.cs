namespace Mart.Market.Data;

/// <summary>A value read back from the database, with the time it was fetched from its provider.</summary>
public sealed record StoredDatum<T>(T Value, DateTimeOffset FetchedAt);
