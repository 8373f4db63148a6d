using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

/// <summary>A service's confidential client (Products, wired by the AppHost with the <c>orders</c> scope).</summary>
[Collection("identity")]
public sealed class ClientCredentialsTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_service_gets_a_token_for_its_permitted_scope_with_itself_as_subject()
    {
        var secret = await IdentityClient.ClientSecretAsync(fixture.App, "products");

        var tokens = await fixture.Client.ClientCredentialsAsync("products", secret, "orders");

        var access = JwtClaims.Read(tokens.AccessToken);
        Assert.Equal("products", access.String("sub"));
        Assert.Equal("products", access.String("client_id"));
        Assert.Equal(["orders"], access.Scopes);
        Assert.Equal(["orders"], access.Strings("aud"));
        Assert.Empty(access.Strings("role"));
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task A_scope_the_client_is_not_permitted_is_refused()
    {
        var secret = await IdentityClient.ClientSecretAsync(fixture.App, "products");

        using var response = await fixture.Client.PostTokenAsync(
            ("grant_type", "client_credentials"), ("client_id", "products"), ("client_secret", secret), ("scope", "catalog"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(error.TryGetProperty("access_token", out _));
        Assert.Contains("scope", error.GetProperty("error_description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        using var response = await fixture.Client.PostTokenAsync(
            ("grant_type", "client_credentials"), ("client_id", "products"), ("client_secret", "not-the-secret"), ("scope", "orders"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
