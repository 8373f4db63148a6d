using System.Collections.Immutable;
using System.Security.Claims;
using Mart.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Apis;

/// <summary>What a token says about its subject: a user's id, email and roles, or a client's id; the scopes granted
/// and the audiences of their APIs.</summary>
public static class TokenPrincipals
{
    /// <summary>A user's principal, read fresh from the store (a refresh picks up changed roles).</summary>
    public static async Task<ClaimsPrincipal> ForUserAsync(UserManager<IdentityUser> users, IdentityUser user, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user))
            .SetClaim(Claims.Email, await users.GetEmailAsync(user))
            .SetClaim(Claims.Name, await users.GetUserNameAsync(user))
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return Finish(identity, scopes);
    }

    /// <summary>A client acting for itself (client credentials): its id is the subject (RFC 9068), it has no roles.</summary>
    public static ClaimsPrincipal ForClient(string clientId, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(ApiScopes.AudiencesOf(scopes));
        identity.SetDestinations(claim => DestinationsOf(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    // Every claim goes into the access token; the identity token gets the profile, email and roles its scopes ask for.
    private static IEnumerable<string> DestinationsOf(Claim claim, ImmutableArray<string> scopes)
    {
        yield return Destinations.AccessToken;
        var forIdentityToken = claim.Type switch
        {
            Claims.Name => scopes.Contains(Scopes.Profile),
            Claims.Email => scopes.Contains(Scopes.Email),
            Claims.Role => scopes.Contains(Scopes.Roles),
            _ => false,
        };
        if (forIdentityToken)
        {
            yield return Destinations.IdentityToken;
        }
    }
}
