using Mart.Identity.Domain;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Apis;

/// <summary>
/// The token endpoint, after OpenIddict has checked the client, the code's PKCE verifier or the refresh token: issues
/// tokens for the user (read again, so a locked-out or deleted user gets nothing) or for the client itself.
/// </summary>
public static class Exchange
{
    public static async Task<Results<SignInHttpResult, ForbidHttpResult>> HandleAsync(
        HttpContext context, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIns)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand on a token request.");
        using var activity = IdentityTelemetry.TokenIssued(request.GrantType, request.ClientId);

        if (request.IsClientCredentialsGrantType())
        {
            var clientId = request.ClientId ?? throw new InvalidOperationException("A client credentials request without a client id.");
            return Issue(TokenPrincipals.ForClient(clientId, request.GetScopes()));
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            throw new InvalidOperationException($"Grant type '{request.GrantType}' is not enabled.");
        }

        // The principal stored in the code or refresh token, which OpenIddict has already validated.
        var granted = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = granted.Principal?.GetClaim(Claims.Subject) is { } userId ? await users.FindByIdAsync(userId) : null;
        if (user is null)
        {
            return Authorize.InvalidGrant("The account no longer exists.");
        }

        if (!await signIns.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return Authorize.InvalidGrant("The account may no longer sign in.");
        }

        return Issue(await TokenPrincipals.ForUserAsync(users, user, granted.Principal!.GetScopes()));
    }

    private static SignInHttpResult Issue(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
