using System.Net;

namespace Mart.Identity.Clients;

/// <summary>
/// RFC 8252 §7.3: a native app listens on a port it picks at run time, so a registered <c>http</c> loopback IP
/// redirect URI matches the same URI on any port. Only IP literals: <c>localhost</c> may resolve elsewhere (§8.3).
/// </summary>
public static class LoopbackRedirectUris
{
    public static bool Matches(string registered, string requested) =>
        Uri.TryCreate(registered, UriKind.Absolute, out var expected)
        && Uri.TryCreate(requested, UriKind.Absolute, out var actual)
        && IsLoopbackLiteral(expected) && IsLoopbackLiteral(actual)
        && string.Equals(expected.Host, actual.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(expected.AbsolutePath, actual.AbsolutePath, StringComparison.Ordinal)
        && string.Equals(expected.Query, actual.Query, StringComparison.Ordinal)
        && actual.Fragment.Length == 0 && actual.UserInfo.Length == 0;

    private static bool IsLoopbackLiteral(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address);
}
