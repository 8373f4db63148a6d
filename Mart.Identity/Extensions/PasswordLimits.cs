using System.Globalization;
using System.Threading.RateLimiting;
using Mart.Identity.Domain;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mart.Identity.Extensions;

/// <summary>
/// Sign-in, sign-up and register hash a password on purpose slowly: posts to them are limited per client IP, and all
/// together run at most <see cref="LimitSettings.ConcurrentPasswordChecks"/> at once, so they cannot take every core.
/// </summary>
public static class PasswordLimits
{
    /// <summary>The rate-limiting policy of the endpoints that check or set a password.</summary>
    public const string Policy = "passwords";

    private const int QueuedChecks = 64;

    public static void AddPasswordLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<IdentitySettings>>((options, settings) =>
        {
            var limits = settings.Value.Limits;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));

            var hashing = new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentPasswordChecks, QueueLimit = QueuedChecks };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy
                    ? RateLimitPartition.GetConcurrencyLimiter("password-checks", _ => hashing)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = RejectAsync;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            detail: "Too many sign-in attempts; try again after the time in Retry-After.").ExecuteAsync(context);
    }
}
