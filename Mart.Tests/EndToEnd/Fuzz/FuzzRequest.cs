namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>One generated request: which service, which endpoint it aims at (its OpenAPI template) and what is sent.</summary>
public sealed record FuzzRequest(
    string Service,
    string Endpoint,
    HttpMethod Method,
    string PathAndQuery,
    string? Body = null,
    string? ContentType = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    bool StreamsResponse = false)
{
    /// <summary>What to print when the answer was wrong: enough to send it again by hand.</summary>
    public string Describe(int maxBody = 400)
    {
        var body = Body is null ? string.Empty : " body=" + (Body.Length > maxBody ? Body[..maxBody] + $"...({Body.Length} chars)" : Body);
        var headers = Headers is null || Headers.Count == 0 ? string.Empty : " headers=" + string.Join("; ", Headers.Select(h => $"{h.Key}: {Shorten(h.Value)}"));
        return $"{Service} {Method} {Shorten(PathAndQuery, 300)} content-type={ContentType ?? "(none)"}{headers}{body}";
    }

    private static string Shorten(string text, int max = 80) => text.Length > max ? text[..max] + $"...({text.Length} chars)" : text;
}
