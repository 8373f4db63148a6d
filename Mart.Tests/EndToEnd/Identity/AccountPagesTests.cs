using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

/// <summary>The account pages and endpoints besides sign-in: password change, sign-out, revocation, rate limits.</summary>
[Collection("identity")]
public sealed class AccountPagesTests(IdentityFixture fixture)
{
    private const string SessionCookie = ".AspNetCore.Identity.Application";

    private IdentityClient Client => fixture.Client;

    [Fact]
    public async Task A_signed_in_customer_changes_the_password_and_only_the_new_one_signs_in()
    {
        var account = await Client.RegisterCustomerAsync();
        using (var session = new IdentitySession(Client.Address))
        {
            using var signedIn = await session.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", account.Password));
            Assert.Equal("/", session.LocationOf(signedIn).AbsolutePath);

            using var changed = await session.SubmitFormAsync("/account/password", ("CurrentPassword", account.Password), ("NewPassword", "Changed-Pass-77"));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var old = new IdentitySession(Client.Address);
        using var refused = await old.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", account.Password));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var tokens = await Client.SignInAsync(account.Email, "Changed-Pass-77");
        Assert.Equal(account.Id, JwtClaims.Read(tokens.AccessToken).String("sub"));
    }

    [Fact]
    public async Task The_password_page_needs_a_session()
    {
        using var session = new IdentitySession(Client.Address);
        using var response = await session.GetAsync("/account/password");
        Assert.Equal("/account/signin", session.LocationOf(response).AbsolutePath);
    }

    [Fact]
    public async Task End_session_signs_the_user_out_of_identity()
    {
        var account = await Client.RegisterCustomerAsync();
        using var session = new IdentitySession(Client.Address);
        using var signedIn = await session.SubmitFormAsync("/account/signin", ("Email", account.Email), ("Password", account.Password));
        Assert.Contains(session.Cookies(Client.Address), cookie => cookie.Name == SessionCookie);

        using var ended = await session.GetAsync("/connect/endsession");
        session.LocationOf(ended);

        Assert.DoesNotContain(session.Cookies(Client.Address), cookie => cookie.Name == SessionCookie);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused()
    {
        var (_, tokens) = await Client.CustomerAsync();

        using var revoked = await Client.Http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = IdentityClient.CliClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        using var refresh = await Client.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!), ("client_id", IdentityClient.CliClientId));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task Password_checks_beyond_the_per_IP_limit_get_429_with_Retry_After()
    {
        using var replica = IdentityClient.For(fixture.App, IdentityFixture.Replica);
        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt <= IdentityFixture.ReplicaPermitsPerMinute && limited is null; attempt++)
        {
            var response = await replica.PostRegisterAsync(new { email = "not-an-email", password = "x" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        }
    }
}
