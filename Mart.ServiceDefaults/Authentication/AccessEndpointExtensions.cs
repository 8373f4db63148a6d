using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>How an endpoint states who may call it; the OpenAPI document reads the same metadata.</summary>
public static class AccessEndpointExtensions
{
    /// <summary>Callers must satisfy <paramref name="policy"/>: 401 without a valid token, 403 without the right.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, AuthorizationPolicy policy) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        return builder
            .RequireAuthorization(policy)
            .WithMetadata(Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status403Forbidden));
    }

    private static ProducesResponseTypeMetadata Problem(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);
}
