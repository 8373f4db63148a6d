namespace Mart.Market.Domain;

/// <summary>One OHLCV candle of a crypto pair.</summary>
/// <param name="OpenedAt">Start of the candle's period.</param>
public sealed record CryptoCandle(DateTimeOffset OpenedAt, double Open, double High, double Low, double Close, double Volume);
