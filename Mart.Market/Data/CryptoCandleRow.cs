namespace Mart.Market.Data;

/// <summary>A row of <c>crypto_candles</c>.</summary>
public sealed class CryptoCandleRow
{
    public required string Provider { get; init; }

    public required string Symbol { get; init; }

    public required string Resolution { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public decimal Open { get; init; }

    public decimal High { get; init; }

    public decimal Low { get; init; }

    public decimal Close { get; init; }

    public decimal Volume { get; init; }

    public DateTimeOffset FetchedAt { get; init; }
}
