using System.Net;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.Products;

/// <summary>Checks that an answer is RFC 9457 problem details with the expected status.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.False(body.Contains("   at ", StringComparison.Ordinal), $"a stack trace leaked: {body}");
        return root;
    }

    /// <summary>A 400 validation problem that names <paramref name="field"/> among its errors.</summary>
    public static async Task<JsonElement> AssertInvalidFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.True(messages.GetArrayLength() > 0);
        return problem;
    }
}
