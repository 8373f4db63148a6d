namespace Mart.Market.Data;

/// <summary>
/// Market data arrives as doubles; the database keeps fixed-scale numerics. Converting here (rather than letting the
/// server cast) means the values compared for changes are exactly the values stored.
/// </summary>
internal static class Numeric
{
    public static decimal Of(double value, int scale) => Math.Round((decimal)value, scale, MidpointRounding.ToEven);

    public static decimal? Of(double? value, int scale) => value is { } v ? Of(v, scale) : null;
}
