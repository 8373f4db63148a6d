using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>
/// A valid token without the right answers 403 with <c>WWW-Authenticate: Bearer error="insufficient_scope"</c>
/// (RFC 6750 §3.1) naming the scope the operation needs; the status code pages then write the problem details.
/// </summary>
internal sealed class InsufficientAccessAnswer : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
            var scope = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault();
            var description = failed.Any() ? $"The token lacks what this operation needs: {string.Join(", ", failed)}." : "The token does not allow this operation.";
            context.Response.Headers.Append(
                HeaderNames.WWWAuthenticate,
                scope is null
                    ? $"Bearer error=\"insufficient_scope\", error_description=\"{description}\""
                    : $"Bearer error=\"insufficient_scope\", error_description=\"{description}\", scope=\"{scope}\"");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
