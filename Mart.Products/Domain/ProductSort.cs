namespace Mart.Products.Domain;

/// <summary>The orders a catalog page can be listed in; each is a keyset order ending with the id.</summary>
public enum ProductSort
{
    /// <summary><c>createdAt</c>: oldest first (the default).</summary>
    CreatedAt,

    /// <summary><c>name</c>: A to Z.</summary>
    Name,

    /// <summary><c>price</c>: cheapest first.</summary>
    Price,

    /// <summary><c>-price</c>: most expensive first.</summary>
    PriceDescending,
}

/// <summary>Names of <see cref="ProductSort"/> as they appear in the query string.</summary>
public static class ProductSortNames
{
    public const string Accepted = "name, price, -price, createdAt";

    public static bool TryParse(string? text, out ProductSort sort)
    {
        switch (text)
        {
            case null or "" or "createdAt":
                sort = ProductSort.CreatedAt;
                return true;
            case "name":
                sort = ProductSort.Name;
                return true;
            case "price":
                sort = ProductSort.Price;
                return true;
            case "-price":
                sort = ProductSort.PriceDescending;
                return true;
            default:
                sort = default;
                return false;
        }
    }

    public static string ToName(this ProductSort sort) => sort switch
    {
        ProductSort.Name => "name",
        ProductSort.Price => "price",
        ProductSort.PriceDescending => "-price",
        _ => "createdAt",
    };
}
