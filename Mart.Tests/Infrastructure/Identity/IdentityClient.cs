using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>
/// Gets tokens from Mart.Identity as Mart's clients do: registers customers, signs in with the authorization code
/// flow and PKCE as the <c>mart-cli</c> native client (over plain HTTP), refreshes, and uses client credentials.
/// Only HTTP here: the benchmarks compile this file too; what needs the application model is in IdentityClient.App.cs.
/// </summary>
public sealed partial class IdentityClient : IDisposable
{
    public const string CliClientId = "mart-cli";
    public const string AdminEmail = "admin@mart.local";

    /// <summary>A loopback redirect as a native app would listen on; the port is free (RFC 8252).</summary>
    public const string LoopbackRedirectUri = "http://127.0.0.1:53682/callback";

    /// <summary>What a customer signs in for unless a test says otherwise.</summary>
    public static readonly string[] CustomerScopes = ["openid", "email", "roles", "offline_access", "orders"];

    private readonly HttpClient http;

    public IdentityClient(Uri identity)
    {
        Address = identity;
        http = new HttpClient { BaseAddress = identity };
    }

    public Uri Address { get; }

    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostRegisterAsync(object body) => http.PostAsJsonAsync("/account/register", body);

    /// <summary>Registers a customer through the JSON API (a fresh email and a valid password unless given).</summary>
    public async Task<TestAccount> RegisterCustomerAsync(string? email = null, string? password = null)
    {
        email ??= $"customer-{Guid.NewGuid():N}@example.com";
        password ??= $"Pw-{Guid.NewGuid():N}".Substring(0, 20) + "aA1!";
        using var response = await PostRegisterAsync(new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Register answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(body.GetProperty("id").GetString()!, email, password);
    }

    /// <summary>A new customer's tokens: registered, then signed in.</summary>
    public async Task<(TestAccount Account, Tokens Tokens)> CustomerAsync(params string[] scopes)
    {
        var account = await RegisterCustomerAsync();
        return (account, await SignInAsync(account.Email, account.Password, scopes));
    }

    /// <summary>Authorization code + PKCE as <c>mart-cli</c>: authorize, sign-in form, code, token exchange.</summary>
    public async Task<Tokens> SignInAsync(string email, string password, params string[] scopes)
    {
        using var session = new IdentitySession(Address);
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(session, email, password, scopes.Length > 0 ? scopes : CustomerScopes, LoopbackRedirectUri, pkce);
        return await RedeemCodeAsync(code, LoopbackRedirectUri, pkce.Verifier);
    }

    /// <summary>The front channel: authorize, the sign-in form, back to authorize, and the code the redirect URI receives.</summary>
    public static async Task<string> AuthorizeAsync(IdentitySession session, string email, string password, IReadOnlyList<string> scopes, string redirectUri, Pkce pkce)
    {
        var state = Guid.NewGuid().ToString("N");
        using var authorize = await session.GetAsync(AuthorizeUrl(scopes, redirectUri, pkce.Challenge, state));
        var signInPage = session.LocationOf(authorize);
        Assert.Equal("/account/signin", signInPage.AbsolutePath);

        using var signedIn = await session.SubmitFormAsync(signInPage.PathAndQuery, ("Email", email), ("Password", password));
        var back = session.LocationOf(signedIn);
        Assert.Equal("/connect/authorize", back.AbsolutePath);

        using var granted = await session.GetAsync(back.PathAndQuery);
        return CodeFrom(session.LocationOf(granted), redirectUri, state);
    }

    /// <summary>The authorize URL of <c>mart-cli</c>; a null challenge leaves PKCE out.</summary>
    public static string AuthorizeUrl(IReadOnlyList<string> scopes, string redirectUri, string? codeChallenge, string state, string clientId = CliClientId)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', scopes),
            ["state"] = state,
        };
        if (codeChallenge is not null)
        {
            query["code_challenge"] = codeChallenge;
            query["code_challenge_method"] = "S256";
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    /// <summary>The code from a redirect to <paramref name="redirectUri"/>, after checking the state came back.</summary>
    public static string CodeFrom(Uri callback, string redirectUri, string state)
    {
        Assert.Equal(new Uri(redirectUri).GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal(state, query["state"].ToString());
        Assert.False(query.ContainsKey("error"), $"Authorization refused: {callback.Query}");
        return query["code"].ToString();
    }

    public Task<Tokens> RedeemCodeAsync(string code, string redirectUri, string codeVerifier) => TokensAsync(
        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("client_id", CliClientId), ("code_verifier", codeVerifier));

    public Task<Tokens> RefreshAsync(string refreshToken, string clientId = CliClientId) => TokensAsync(
        ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId));

    public Task<Tokens> ClientCredentialsAsync(string clientId, string secret, params string[] scopes) => TokensAsync(
        ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("scope", string.Join(' ', scopes)));

    /// <summary>Posts to the token endpoint and answers the raw response (for refusals).</summary>
    public Task<HttpResponseMessage> PostTokenAsync(params (string Name, string Value)[] fields) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))));

    private async Task<Tokens> TokensAsync(params (string Name, string Value)[] fields)
    {
        using var response = await PostTokenAsync(fields);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"The token endpoint answered {(int)response.StatusCode}: {body}");
        return new(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            body.TryGetProperty("id_token", out var id) ? id.GetString() : null,
            body.GetProperty("expires_in").GetInt32());
    }

    public void Dispose() => http.Dispose();
}
