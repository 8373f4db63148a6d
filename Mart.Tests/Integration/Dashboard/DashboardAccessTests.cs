using System.Net;
using System.Net.Http.Headers;
using Mart.Hosting.Dashboard.Access;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>The browser token: required when the dashboard is reachable from other machines (or one is configured).</summary>
public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("http://localhost:18888", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://[::1]:18888", true)]
    [InlineData("http://0.0.0.0:18888", false)]
    [InlineData("http://*:18888", false)]
    [InlineData("http://+:18888", false)]
    [InlineData("http://[::]:18888", false)]
    [InlineData("http://mart.example:18888", false)]
    public void Only_a_loopback_binding_is_open_without_a_token(string url, bool loopback) =>
        Assert.Equal(loopback, BrowserTokenAccess.IsLoopbackBinding(url));

    [Fact]
    public async Task A_browser_presents_the_token_once_and_is_then_known_by_its_cookie()
    {
        const string token = "c0ffee-token";
        await using var app = await EmptyModelFixture.StartAsync($"--Dashboard:BrowserToken={token}");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.DashboardUri };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/resources")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/login?t=wrong")).StatusCode);

        using var login = await http.GetAsync($"/login?t={token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withCookie)).StatusCode);

        // The services launched by the AppHost export from this machine without the token.
        using var export = new ByteArrayContent(OtlpPayloads.Traces("token-test", (OtlpPayloads.NewTraceId(), OtlpPayloads.NewSpanId(), "span")));
        export.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/traces", export)).StatusCode);
    }

    [Fact]
    public async Task Pages_are_served_from_the_assembly_with_a_policy_that_allows_only_their_own_scripts()
    {
        await using var app = await EmptyModelFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = app.DashboardUri };

        foreach (var page in new[] { "/", "/consolelogs", "/structuredlogs", "/traces", "/traces/detail/0af7651916cd43dd8448eb211c80319c", "/metrics", "/events" })
        {
            using var response = await http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("/_assets/dashboard.css", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("text/javascript", (await http.GetAsync("/_assets/dashboard.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_assets/missing.js")).StatusCode);
    }
}
