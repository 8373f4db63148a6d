using System.Text.Json;

namespace Mart.Tests.EndToEnd;

/// <summary>
/// What an API client generator needs from a service's OpenAPI document: an operationId on every operation (unique),
/// a description for every tag, and server URLs without a trailing slash (paths start with one).
/// </summary>
internal static class OpenApiDocuments
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>
    /// Reads <c>/openapi/v1.json</c> of a running service and checks it; the document is also written to
    /// <c>openapi/&lt;service&gt;.json</c> in the test output, for linters.
    /// </summary>
    public static async Task AssertReadyForClientsAsync(HttpClient client, string service)
    {
        var text = await client.GetStringAsync("/openapi/v1.json");
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "openapi"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{service}.json"), text);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;

        var operationIds = new List<string>();
        var usedTags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(member => Methods.Contains(member.Name)))
            {
                Assert.True(
                    operation.Value.TryGetProperty("operationId", out var id) && !string.IsNullOrWhiteSpace(id.GetString()),
                    $"{service}: {operation.Name.ToUpperInvariant()} {path.Name} has no operationId");
                operationIds.Add(id.GetString()!);
                if (operation.Value.TryGetProperty("tags", out var tags))
                {
                    usedTags.UnionWith(tags.EnumerateArray().Select(tag => tag.GetString()!));
                }
            }
        }

        Assert.NotEmpty(operationIds);
        Assert.Equal(operationIds.Count, operationIds.Distinct(StringComparer.Ordinal).Count());

        var described = root.TryGetProperty("tags", out var declared)
            ? declared.EnumerateArray()
                .Where(tag => tag.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString()))
                .Select(tag => tag.GetProperty("name").GetString()!)
                .ToHashSet(StringComparer.Ordinal)
            : [];
        Assert.NotEmpty(usedTags);
        Assert.All(usedTags, tag => Assert.True(described.Contains(tag), $"{service}: tag '{tag}' has no description"));

        if (root.TryGetProperty("servers", out var servers))
        {
            Assert.All(servers.EnumerateArray(), server => Assert.False(
                server.GetProperty("url").GetString()!.EndsWith('/'), $"{service}: server {server.GetProperty("url")} ends with '/'"));
        }
    }
}
