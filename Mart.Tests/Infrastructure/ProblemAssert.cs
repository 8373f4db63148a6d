using System.Net;
using System.Text.Json;

namespace Mart.Tests.Infrastructure;

/// <summary>Checks that an answer is RFC 9457 problem details with the expected status and nothing internal in it.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var problem = json.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>A 400 whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> InvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsAsync(response, HttpStatusCode.BadRequest);
        Assert.True(
            problem.TryGetProperty("errors", out var errors)
                && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase) && e.Value.GetArrayLength() > 0),
            $"no error for '{field}' in {problem}");
        return problem;
    }
}
