using Microsoft.AspNetCore.Http;

namespace Mart.Hosting.Dashboard.Access;

/// <summary>
/// Headers that keep the pages to their own scripts: nothing inline, nothing from elsewhere, no framing. Every value
/// a page shows comes from services and is written as text, never as markup; the policy is the second line of defence.
/// </summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
