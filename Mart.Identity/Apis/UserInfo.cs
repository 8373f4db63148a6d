using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Apis;

/// <summary>The userinfo endpoint: the claims the access token's scopes allow, read fresh from the account.</summary>
public static class UserInfo
{
    public static async Task<Results<Ok<Dictionary<string, object>>, ChallengeHttpResult>> HandleAsync(
        HttpContext context, UserManager<IdentityUser> users)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = token.Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } userId ? await users.FindByIdAsync(userId) : null;
        if (principal is null || user is null)
        {
            return TypedResults.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The token's user no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = await users.GetUserIdAsync(user) };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = await users.GetUserNameAsync(user) ?? string.Empty;
        }

        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = await users.GetEmailAsync(user) ?? string.Empty;
            claims[Claims.EmailVerified] = await users.IsEmailConfirmedAsync(user);
        }

        if (principal.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = await users.GetRolesAsync(user);
        }

        return TypedResults.Ok(claims);
    }
}
