using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Domain;

/// <summary>The scopes Mart's APIs define and the audience each grants (a token for <c>catalog</c> is for Products).</summary>
public static class ApiScopes
{
    public static readonly IReadOnlyDictionary<string, string> Audiences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["orders"] = "orders",
        ["catalog"] = "products",
        ["payments"] = "payments",
    };

    /// <summary>Every scope identity knows: OpenID Connect's and the APIs'.</summary>
    public static readonly IReadOnlyList<string> All =
        [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. Audiences.Keys];

    public static IEnumerable<string> AudiencesOf(IEnumerable<string> scopes) =>
        scopes.Where(Audiences.ContainsKey).Select(scope => Audiences[scope]).Distinct(StringComparer.Ordinal);
}
