using Mart.Tests.EndToEnd.Identity;
using Mart.Tests.Infrastructure.Identity;
using Microsoft.Playwright;

namespace Mart.Tests.Browser;

/// <summary>Identity's pages in Chromium during a native client's authorization request, ending at its loopback
/// listener with a code that redeems for the account's tokens.</summary>
[Collection("identity")]
public sealed class IdentitySignInTests(IdentityFixture fixture)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_customer_signs_up_then_signs_in_through_the_pages_and_the_app_gets_a_code()
    {
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        const string password = "Browser-Pass-42";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });

        // Sign-up: from the sign-in page's link; the new account is signed in and the request goes on to the app.
        var signedUp = await AuthorizeInBrowserAsync(browser, async page =>
        {
            await page.ClickAsync("text=Create an account");
            await page.FillAsync("input[name=Email]", email);
            await page.FillAsync("input[name=Password]", password);
            await page.ClickAsync("button[type=submit]");
        });
        Assert.Equal(email, JwtClaims.Read(signedUp.AccessToken).String("email"));

        // Sign-in: a new browser session, the same account.
        var signedIn = await AuthorizeInBrowserAsync(browser, async page =>
        {
            await page.FillAsync("input[name=Email]", email);
            await page.FillAsync("input[name=Password]", password);
            await page.ClickAsync("button[type=submit]");
        });
        var access = JwtClaims.Read(signedIn.AccessToken);
        Assert.Equal(email, access.String("email"));
        Assert.Equal(["customer"], access.Strings("role"));
    }

    private async Task<Tokens> AuthorizeInBrowserAsync(IBrowser browser, Func<IPage, Task> signIn)
    {
        using var callback = new LoopbackCallback();
        using var timeout = new CancellationTokenSource(FlowTimeout);
        var received = callback.ReceiveAsync(timeout.Token);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var pkce = Pkce.Create();
        var state = Guid.NewGuid().ToString("N");
        await page.GotoAsync(new Uri(fixture.Client.Address, IdentityClient.AuthorizeUrl(IdentityClient.CustomerScopes, callback.RedirectUri, pkce.Challenge, state)).ToString());
        Assert.EndsWith("/account/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        await signIn(page);

        var code = IdentityClient.CodeFrom(await received, callback.RedirectUri, state);
        // The browser went to the app's address; whether the listener's page ever finishes loading is not the flow's.
        await page.WaitForURLAsync(url => url.StartsWith(callback.RedirectUri, StringComparison.Ordinal), new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        return await fixture.Client.RedeemCodeAsync(code, callback.RedirectUri, pkce.Verifier);
    }
}
