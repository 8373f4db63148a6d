using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

[Collection("identity")]
public sealed class DiscoveryTests(IdentityFixture fixture)
{
    [Fact]
    public async Task Discovery_names_the_issuer_the_endpoints_and_only_the_allowed_flows()
    {
        var document = await fixture.Client.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        var issuer = fixture.Client.Address.GetLeftPart(UriPartial.Authority);
        Assert.Equal(issuer, document.GetProperty("issuer").GetString()!.TrimEnd('/'));
        Assert.Equal($"{issuer}/connect/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{issuer}/connect/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{issuer}/connect/userinfo", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal($"{issuer}/connect/endsession", document.GetProperty("end_session_endpoint").GetString());
        Assert.Equal($"{issuer}/connect/revoke", document.GetProperty("revocation_endpoint").GetString());
        Assert.Equal($"{issuer}/.well-known/jwks", document.GetProperty("jwks_uri").GetString());

        var grants = Strings(document, "grant_types_supported");
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], grants.Order());
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Superset(new HashSet<string> { "openid", "profile", "email", "roles", "offline_access", "orders", "catalog", "payments" }, Strings(document, "scopes_supported").ToHashSet());
    }

    [Fact]
    public async Task Jwks_publishes_the_RSA_key_that_signs_access_tokens()
    {
        var jwks = await fixture.Client.Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        var signing = Assert.Single(keys, key => key.GetProperty("use").GetString() == "sig");
        Assert.Equal("RSA", signing.GetProperty("kty").GetString());
        Assert.False(signing.TryGetProperty("d", out _), "The private part of the key must never be published.");

        var tokens = await fixture.Client.ClientCredentialsAsync("products", await IdentityClient.ClientSecretAsync(fixture.App, "products"), "orders");
        var header = JwtClaims.Read(tokens.AccessToken).Header;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(signing.GetProperty("kid").GetString(), header.GetProperty("kid").GetString());
    }

    private static List<string> Strings(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(item => item.GetString()!)];
}
