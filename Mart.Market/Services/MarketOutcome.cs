namespace Mart.Market.Services;

/// <summary>Whether the request could be answered.</summary>
public enum MarketOutcome
{
    /// <summary>A value is served.</summary>
    Found,

    /// <summary>The provider has no data for the request (unknown symbol, base currency...).</summary>
    NotFound,

    /// <summary>The provider cannot answer and nothing is stored to fall back on.</summary>
    Unavailable,
}
