namespace Mart.Market.Data;

/// <summary>A row of <c>forex_snapshots</c>; <see cref="Rates"/> is the jsonb object as text.</summary>
public sealed class ForexSnapshotRow
{
    public required string Provider { get; init; }

    public required string Base { get; init; }

    public DateTimeOffset QuotedAt { get; init; }

    public required string Rates { get; init; }
}
