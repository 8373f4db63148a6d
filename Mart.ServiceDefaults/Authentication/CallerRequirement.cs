using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>The kind of caller an endpoint admits (staff, a service client, a signed-in user), named for messages.</summary>
public sealed class CallerRequirement(string who, Func<ClaimsPrincipal, bool> admits) : AuthorizationHandler<CallerRequirement>, IAuthorizationRequirement
{
    public string Who { get; } = who;

    public Func<ClaimsPrincipal, bool> Admits { get; } = admits;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        if (requirement.Admits(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public override string ToString() => Who;
}
