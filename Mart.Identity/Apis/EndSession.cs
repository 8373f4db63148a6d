using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;

namespace Mart.Identity.Apis;

/// <summary>The end-session endpoint: ends the identity session, then OpenIddict sends the user to the client's
/// registered post-logout URI (or to the sign-in page).</summary>
public static class EndSession
{
    public static async Task<SignOutHttpResult> HandleAsync(SignInManager<IdentityUser> signIns)
    {
        await signIns.SignOutAsync();
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/account/signin" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
