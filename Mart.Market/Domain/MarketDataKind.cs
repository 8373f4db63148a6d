namespace Mart.Market.Domain;

/// <summary>The kinds of market data; each has its own cache lifetime.</summary>
public enum MarketDataKind
{
    Quote,
    Profile,
    News,
    Forex,
    Crypto,
}
