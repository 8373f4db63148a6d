using Microsoft.Playwright;

namespace Mart.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, headless; Playwright's own browser download is never used. One browser per
/// test class; each test opens its own context (cookies, storage) and pages.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath} (Debian: apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh context whose relative URLs resolve against the dashboard, sized for readable screenshots.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri dashboard) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = dashboard.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
