using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

/// <summary>The authorization code flow with PKCE as <c>mart-cli</c> drives it over plain HTTP, and its refusals.</summary>
[Collection("identity")]
public sealed class CodeFlowTests(IdentityFixture fixture)
{
    private IdentityClient Client => fixture.Client;

    [Fact]
    public async Task Sign_in_with_code_and_PKCE_issues_tokens_saying_who_the_customer_is_and_for_which_APIs()
    {
        var (account, tokens) = await Client.CustomerAsync("openid", "profile", "email", "roles", "offline_access", "orders", "catalog");

        var access = JwtClaims.Read(tokens.AccessToken);
        Assert.Equal(account.Id, access.String("sub"));
        Assert.Equal(account.Email, access.String("email"));
        Assert.Equal(["customer"], access.Strings("role"));
        Assert.Equal(["orders", "products"], access.Strings("aud").Order());
        Assert.Superset(new HashSet<string> { "orders", "catalog" }, access.Scopes.ToHashSet());
        Assert.Equal(IdentityClient.CliClientId, access.String("client_id"));
        Assert.Equal(Client.Address.GetLeftPart(UriPartial.Authority), access.String("iss")!.TrimEnd('/'));
        Assert.InRange(tokens.ExpiresIn, 60, 15 * 60);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(account.Id, JwtClaims.Read(tokens.IdToken!).String("sub"));

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var answer = await Client.Http.SendAsync(userInfo);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var claims = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Id, claims.GetProperty("sub").GetString());
        Assert.Equal(account.Email, claims.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_refresh_token_is_rotated_and_a_redeemed_one_is_refused()
    {
        var (_, first) = await Client.CustomerAsync();

        var second = await Client.RefreshAsync(first.RefreshToken!);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        var third = await Client.RefreshAsync(second.RefreshToken!);
        Assert.NotNull(third.AccessToken);

        using var replayed = await Client.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", first.RefreshToken!), ("client_id", IdentityClient.CliClientId));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("invalid_grant", (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_authorization_request_without_PKCE_is_refused()
    {
        using var session = new IdentitySession(Client.Address);
        using var response = await session.GetAsync(IdentityClient.AuthorizeUrl(IdentityClient.CustomerScopes, IdentityClient.LoopbackRedirectUri, codeChallenge: null, state: "s"));

        // Refused before the client is looked at, so identity answers itself: no redirect, no code.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("http://evil.example/callback")]
    [InlineData("http://127.0.0.1:53682/elsewhere")]
    [InlineData("http://localhost:53682/callback")]
    [InlineData("https://127.0.0.1:53682/callback")]
    public async Task An_unregistered_redirect_URI_gets_an_error_from_identity_and_is_never_followed(string redirectUri)
    {
        using var session = new IdentitySession(Client.Address);
        using var response = await session.GetAsync(IdentityClient.AuthorizeUrl(IdentityClient.CustomerScopes, redirectUri, Pkce.Create().Challenge, "s"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_loopback_redirect_URI_is_accepted_on_any_port()
    {
        var account = await Client.RegisterCustomerAsync();
        const string otherPort = "http://127.0.0.1:40123/callback";

        using var session = new IdentitySession(Client.Address);
        var pkce = Pkce.Create();
        var code = await IdentityClient.AuthorizeAsync(session, account.Email, account.Password, IdentityClient.CustomerScopes, otherPort, pkce);
        var tokens = await Client.RedeemCodeAsync(code, otherPort, pkce.Verifier);

        Assert.Equal(account.Id, JwtClaims.Read(tokens.AccessToken).String("sub"));
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        var account = await Client.RegisterCustomerAsync();
        using var session = new IdentitySession(Client.Address);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            using var failed = await session.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", "Wrong-Password-1"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            var page = await failed.Content.ReadAsStringAsync();
            Assert.True(page.Contains("not right", StringComparison.Ordinal), page);
        }

        // The fifth failure locks the account; from then on even the right password is refused, saying why.
        using var fifth = await session.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", "Wrong-Password-1"));
        Assert.Contains("account is locked", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var locked = await session.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", account.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("account is locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(session.Cookies(Client.Address), cookie => cookie.Name == ".AspNetCore.Identity.Application");
    }

    [Fact]
    public async Task The_seeded_admin_signs_in_with_the_generated_password_and_gets_the_admin_role()
    {
        var tokens = await Client.AdminAsync(fixture.App);

        var access = JwtClaims.Read(tokens.AccessToken);
        Assert.Equal(IdentityClient.AdminEmail, access.String("email"));
        Assert.Equal(["admin", "customer"], access.Strings("role").Order());
        Assert.Superset(new HashSet<string> { "orders", "products", "payments" }, access.Strings("aud").ToHashSet());
    }
}
