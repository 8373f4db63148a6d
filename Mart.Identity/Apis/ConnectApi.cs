using Mart.Identity.Clients;

namespace Mart.Identity.Apis;

/// <summary>The OpenID Connect endpoints OpenIddict validates and hands on to Mart (discovery, JWKS and revocation it
/// answers alone).</summary>
public static class ConnectApi
{
    public static RouteGroupBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize.HandleAsync);
        connect.MapPost("/token", Exchange.HandleAsync).RequireCors(BrowserClientOrigins.Policy);
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo.HandleAsync);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSession.HandleAsync);
        return connect;
    }
}
