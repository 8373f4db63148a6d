using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mart.Products.Domain;

/// <summary>
/// Where a catalog page ended: the sort, the last product's sort key and its id. Opaque to clients (base64url of
/// <c>sort|id|key</c>); the next page starts strictly after it, so inserts and deletes never shift or repeat rows.
/// </summary>
public sealed record ProductCursor(ProductSort Sort, Guid Id, string Key)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Sort.ToName()}|{Id:N}|{Key}"));

    public static ProductCursor ForName(Guid id, string name) => new(ProductSort.Name, id, name);

    public static ProductCursor ForPrice(ProductSort sort, Guid id, decimal price) => new(sort, id, price.ToString(CultureInfo.InvariantCulture));

    public static ProductCursor ForCreatedAt(Guid id, DateTimeOffset createdAt) => new(ProductSort.CreatedAt, id, createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>The price key; only valid for the price sorts (checked by <see cref="TryDecode"/>).</summary>
    public decimal PriceKey => decimal.Parse(Key, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The creation-time key; only valid for <see cref="ProductSort.CreatedAt"/>.</summary>
    public DateTimeOffset CreatedAtKey => new(long.Parse(Key, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static class ProductCursorKeys
    {
        public static readonly Mart.ServiceDefaults.Validation.TextRule NameKey = new(ProductLimits.NameMaxLength);
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else, including a key that does not fit its sort.</summary>
    public static bool TryDecode(string text, out ProductCursor? cursor)
    {
        cursor = null;
        if (text.Length > 2048)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = decoded.Split('|', 3);
        if (parts.Length != 3 || !ProductSortNames.TryParse(parts[0], out var sort) || parts[0].Length == 0
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        var key = parts[2];
        var keyFits = sort switch
        {
            // A name key goes into the query as text: it must be text the column could hold.
            ProductSort.Name => ProductCursorKeys.NameKey.Problem(key) is null,
            ProductSort.Price or ProductSort.PriceDescending => decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            _ => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks,
        };
        if (!keyFits)
        {
            return false;
        }

        cursor = new ProductCursor(sort, id, key);
        return true;
    }
}
