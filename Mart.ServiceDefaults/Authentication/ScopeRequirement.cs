using Microsoft.AspNetCore.Authorization;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>The token was granted <see cref="Scope"/>. Kept as a type so the OpenAPI document can name each
/// operation's scope from its policy.</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public override string ToString() => $"scope '{Scope}'";
}
