using System.Security.Claims;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>Who is calling, read from a validated access token (claims as the token names them: <c>sub</c>, <c>role</c>).</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";

    /// <summary>Staff: may manage the catalog, payments and any customer's orders.</summary>
    public const string AdminRole = "admin";

    /// <summary>The caller's id: a user's id, or a service client's id.</summary>
    public static string? SubjectId(this ClaimsPrincipal caller) => caller.FindFirst(Subject)?.Value;

    /// <summary>
    /// A machine calling for itself (client credentials): no user signed in, so its subject is its client id (RFC 9068).
    /// </summary>
    public static bool IsServiceClient(this ClaimsPrincipal caller) =>
        caller.FindFirst(ClientId)?.Value is { Length: > 0 } client && client == caller.SubjectId();

    public static bool IsAdmin(this ClaimsPrincipal caller) => !caller.IsServiceClient() && caller.HasClaim(Role, AdminRole);

    /// <summary>Scopes arrive space-separated in one claim (RFC 9068) or as one claim each; both are read.</summary>
    public static bool HasScope(this ClaimsPrincipal caller, string scope) =>
        caller.FindAll(Scope).Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));
}
