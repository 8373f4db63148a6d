using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Mart.Products.Domain;

/// <summary>
/// Entity tags of products: the row version (<c>xmin</c>) in quotes. Any change to the row, including stock moved by
/// orders, gives a new tag, because the representation carries the stock figures.
/// </summary>
public static class ProductETag
{
    public static string Format(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Whether an <c>If-Match</c> header value allows a change of a product at <paramref name="version"/>: <c>*</c>, or a
    /// list containing its strong tag. Weak tags never match, as RFC 9110 requires for If-Match.
    /// </summary>
    public static bool Matches(string ifMatch, uint version)
    {
        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags))
        {
            return false;
        }

        var current = Format(version);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag.Value == current));
    }

    /// <summary>Whether an <c>If-None-Match</c> header value names <paramref name="etag"/> (weak comparison, as RFC 9110 requires).</summary>
    public static bool NoneMatchHits(string ifNoneMatch, string etag)
    {
        if (!EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Value == etag);
    }
}
