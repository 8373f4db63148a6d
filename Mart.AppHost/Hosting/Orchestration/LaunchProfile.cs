using System.Text.Json;

namespace Mart.Hosting.Orchestration;

/// <summary>Reads a project's stable HTTP port from its launch profile, as Aspire does for project endpoints.</summary>
internal static class LaunchProfile
{
    public static int? ReadHttpPort(string projectPath)
    {
        var file = Path.Combine(Path.GetDirectoryName(projectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return null;
        }

        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project"
                && profile.Value.TryGetProperty("applicationUrl", out var urls))
            {
                foreach (var url in (urls.GetString() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
                    {
                        return uri.Port;
                    }
                }
            }
        }

        return null;
    }
}
