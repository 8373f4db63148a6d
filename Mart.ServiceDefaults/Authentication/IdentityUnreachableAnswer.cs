using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>
/// When the identity service cannot be reached for its signing keys, a token cannot be judged either way: the caller
/// gets 503 with Retry-After (its token may well be valid) and the log says why, instead of a bare 401.
/// </summary>
internal static partial class IdentityUnreachableAnswer
{
    private static readonly object Unreachable = new();

    /// <summary>
    /// The token handler reads the keys itself and reports only that none matched; asking the configuration manager
    /// tells a missing document apart. It answers from its cache (or its last failure) without calling out again
    /// before its refresh interval, so a flood of bad tokens costs no requests to identity.
    /// </summary>
    public static async Task OnAuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        if (context.Options.ConfigurationManager is not { } metadata)
        {
            return;
        }

        try
        {
            await metadata.GetConfigurationAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            context.HttpContext.Items[Unreachable] = true;
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityUnreachableAnswer).FullName!);
            LogUnreachable(logger, context.Options.Authority, ex.GetBaseException().Message);
        }
    }

    public static async Task OnChallengeAsync(JwtBearerChallengeContext context)
    {
        if (!context.HttpContext.Items.ContainsKey(Unreachable))
        {
            return;
        }

        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = "5";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The identity service cannot be reached",
                Detail = "The token cannot be checked until the identity service answers; try again shortly.",
            },
        });
    }

    // IdentityModel wraps the failed download of the discovery document or the keys (IDX20803 around IDX20804).
    private static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or TaskCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Access tokens cannot be checked: the identity service at {Authority} is unreachable ({Reason}).")]
    private static partial void LogUnreachable(ILogger logger, string? authority, string reason);
}
