using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Apis;

/// <summary>
/// The authorization endpoint, after OpenIddict has checked the client, redirect URI and PKCE: a visitor without a
/// session goes to the sign-in page and comes back here; a signed-in user gets a code at once (first-party clients
/// only, so no consent screen).
/// </summary>
public static class Authorize
{
    public static async Task<Results<ChallengeHttpResult, ForbidHttpResult, SignInHttpResult>> HandleAsync(
        HttpContext context, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIns)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand on an authorization request.");

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login) || !await signIns.CanSignInAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this very request once signed in (a POSTed request comes back as a GET with the same parameters).
            var parameters = context.Request.HasFormContentType
                ? context.Request.Form.Where(field => field.Key != Parameters.Prompt)
                : context.Request.Query.Where(field => field.Key != Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var principal = await TokenPrincipals.ForUserAsync(users, user, request.GetScopes());
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ForbidHttpResult Refuse(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    internal static ForbidHttpResult InvalidGrant(string description) => Refuse(Errors.InvalidGrant, description);
}
