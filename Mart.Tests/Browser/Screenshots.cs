using Microsoft.Playwright;

namespace Mart.Tests.Browser;

/// <summary>
/// Screenshots of the dashboard: always into the test output folder, and into docs/screenshots (the ones README
/// shows) when MART_UPDATE_SCREENSHOTS=1.
/// </summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("MART_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            folders.Add(Path.Combine(root, "docs", "screenshots"));
        }

        var image = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), image);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Mart.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
