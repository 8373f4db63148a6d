using System.Text.Json;

namespace Mart.Tests.Integration.Dashboard;

/// <summary>Reads the dashboard's JSON APIs, and waits for telemetry that arrives asynchronously.</summary>
internal sealed class DashboardClient(Uri dashboard) : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public HttpClient Http { get; } = new() { BaseAddress = dashboard };

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await TryGetJsonAsync(path) ?? throw new Xunit.Sdk.XunitException($"GET {path}: 404 Not Found");

    /// <summary>The answer, or null for 404 (e.g. a trace none of whose spans has arrived yet).</summary>
    public async Task<JsonElement?> TryGetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="found"/> picks something out of the answer.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, JsonElement?> found, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var json = await TryGetJsonAsync(path);
            if (json is not null && found(json.Value) is { } match)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last answer of {path}: {json}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Small conveniences over <see cref="JsonElement"/> for the dashboard's camelCase answers.</summary>
internal static class DashboardJson
{
    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";

    public static IEnumerable<JsonElement> Items(this JsonElement element, string? property = null) =>
        (property is null ? element : element.GetProperty(property)).EnumerateArray();

    /// <summary>The value of attribute <paramref name="key"/> in a [{key, value}] list.</summary>
    public static string? Attribute(this JsonElement element, string key, string property = "attributes") =>
        element.Items(property).Where(a => a.Text("key") == key).Select(a => a.Text("value")).FirstOrDefault();
}
