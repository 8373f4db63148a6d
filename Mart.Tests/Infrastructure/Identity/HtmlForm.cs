using System.Net;
using System.Text.RegularExpressions;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>The named inputs of a server-rendered form (hidden fields such as the antiforgery token and ReturnUrl).</summary>
public static partial class HtmlForm
{
    public static Dictionary<string, string> Inputs(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                fields[name] = Attribute(input.Value, "value") ?? string.Empty;
            }
        }

        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        new Regex($"""\s{name}="([^"]*)" """.TrimEnd(), RegexOptions.IgnoreCase).Match(tag) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : null;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();
}
