using System.Net.Http.Headers;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>Someone calling Mart's APIs with an access token: a customer, staff, or a service client.</summary>
public sealed record Caller(string AccessToken)
{
    /// <summary>The token's subject: a user's id, or a service client's id.</summary>
    public string Id { get; } = JwtClaims.Read(AccessToken).String("sub") ?? throw new InvalidOperationException("The access token has no subject.");

    public AuthenticationHeaderValue Bearer => new("Bearer", AccessToken);
}
