using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Mart.Hosting.Dashboard.Access;

/// <summary>
/// Who may use the dashboard. Bound to loopback, anyone on this machine may (as with Aspire's local dashboard).
/// Bound wider, or given <c>Dashboard:BrowserToken</c>, a browser must present the token once as <c>?t=</c>
/// (the login link printed at start) and is then recognised by a cookie. OTLP exports from this machine need no
/// token, because the AppHost's own services send them; from elsewhere they need the <c>x-otlp-api-key</c> header.
/// </summary>
internal sealed class BrowserTokenAccess
{
    public const string CookieName = "mart-dashboard";
    public const string QueryName = "t";
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    private readonly byte[]? _token;

    private BrowserTokenAccess(string? token)
    {
        Token = token;
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token browsers must present, or null when the dashboard is open to this machine only.</summary>
    public string? Token { get; }

    public static BrowserTokenAccess For(string url, IConfiguration configuration)
    {
        var configured = configuration["Dashboard:BrowserToken"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BrowserTokenAccess(configured.Trim());
        }

        return IsLoopbackBinding(url) ? new BrowserTokenAccess(null) : new BrowserTokenAccess(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>localhost and loopback addresses stay on this machine; wildcards (*, +, 0.0.0.0, [::]) and host names do not.</summary>
    public static bool IsLoopbackBinding(string url)
    {
        var host = BindingAddress.Parse(url).Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_token is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        if (request.Path.StartsWithSegments("/v1"))
        {
            if (IsFromThisMachine(context) || Matches(request.Headers[OtlpApiKeyHeader].ToString()))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (request.Query.TryGetValue(QueryName, out var presented) && Matches(presented.ToString()))
        {
            // Remember the browser, and take the token out of the address bar (and out of its history).
            context.Response.Cookies.Append(CookieName, Token!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
            });
            var target = request.Path.StartsWithSegments("/login") ? "/" : (request.PathBase + request.Path).ToString();
            context.Response.Redirect(target);
            return;
        }

        if (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "The dashboard needs its browser token: open the login link the AppHost printed when it started (/login?t=...).",
            context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsFromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
}
