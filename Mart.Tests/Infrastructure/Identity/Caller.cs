using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>Someone calling Mart's APIs with an access token: a customer, staff, or a service client.</summary>
public sealed record Caller(string AccessToken)
{
    /// <summary>The token's subject: a user's id, or a service client's id.</summary>
    public string Id { get; } = Claim(AccessToken, "sub") ?? throw new InvalidOperationException("The access token has no subject.");

    public AuthenticationHeaderValue Bearer => new("Bearer", AccessToken);

    /// <summary>A claim of the token's payload, read without checking it (the APIs do that).</summary>
    public static string? Claim(string jwt, string name)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }
}
