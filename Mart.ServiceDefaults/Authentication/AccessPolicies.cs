using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>The three kinds of caller Mart's APIs admit, each with the scope of the API it calls.</summary>
public static class AccessPolicies
{
    /// <summary>A signed-in user (a customer, staff included) granted <paramref name="scope"/>; never a machine.</summary>
    public static AuthorizationPolicy Customer(string scope) => Build(scope, "a signed-in user", caller => !caller.IsServiceClient());

    /// <summary>Staff (the <c>admin</c> role) or a service client granted <paramref name="scope"/>: a customer who asked
    /// for the scope got it, but not the right.</summary>
    public static AuthorizationPolicy StaffOrService(string scope) =>
        Build(scope, "staff or a service client", caller => caller.IsAdmin() || caller.IsServiceClient());

    /// <summary>Any caller granted <paramref name="scope"/>; the endpoint decides what each may see.</summary>
    public static AuthorizationPolicy AnyCaller(string scope) => Build(scope, "any caller", _ => true);

    private static AuthorizationPolicy Build(string scope, string who, Func<System.Security.Claims.ClaimsPrincipal, bool> admits) =>
        new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scope), new CallerRequirement(who, admits))
            .Build();
}
