using Mart.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Mart.Tests.Browser;

/// <summary>
/// The whole system from Mart.AppHost's Program.cs with the real Aspire dashboard running (random loopback ports, its
/// own browser token), and Debian's Chromium driven by Playwright, headless; Playwright's browser download is never used.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private MartTestApp? _app;
    private IPlaywright? _playwright;

    public DistributedApplication App => _app?.App ?? throw new InvalidOperationException("The application has not started.");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The dashboard's login URL, with its browser token.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath} (Debian: apt-get install chromium).");
        }

        var state = Directory.CreateTempSubdirectory("mart-state-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Mart_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [$"--AppHost:StateFolder={state}", "--AppHost:DurableState=false", "--DcpPublisher:RandomizePorts=true", "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true"]);
        MartTestApp.Environment(builder, "products", ("Products__Seed__Enabled", "false"));
        _app = await MartTestApp.StartAsync(builder, state);
        using (var timeout = new CancellationTokenSource(TestTimeouts.ServerStart))
        {
            LoginUrl = await App.GetDashboardUrlAsync(timeout.Token);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh browser context logged in to the dashboard through its login URL.</summary>
    public async Task<IPage> LoggedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(LoginUrl.ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
