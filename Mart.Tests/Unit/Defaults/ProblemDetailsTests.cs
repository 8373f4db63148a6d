using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mart.Tests.Unit.Defaults;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string Secret = "connection to 10.1.2.3 failed for user admin";
    private DefaultsTestApp app = null!;

    public async Task InitializeAsync()
    {
        app = await DefaultsTestApp.StartAsync(endpoints =>
        {
            endpoints.MapGet("/boom", string () => throw new InvalidOperationException(Secret));
            endpoints.MapGet("/missing", () => Results.NotFound());
            endpoints.MapPost("/widgets", (NewWidget widget) => TypedResults.Created($"/widgets/{widget.Name}", widget));
        }, builder => builder.Services.AddValidation());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Unhandled_exception_is_500_problem_details_without_internals()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = await AssertProblemAsync(response, 500);
        Assert.Equal("/boom", problem.GetProperty("instance").GetString());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_details()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/no/such/thing");

        await AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task Empty_4xx_from_an_endpoint_becomes_problem_details()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/missing");

        await AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        using var client = app.CreateClient();
        using var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/widgets", content);

        await AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task Validation_errors_list_the_fields()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/widgets", new { name = "", quantity = 0 });

        var problem = await AssertProblemAsync(response, 400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Quantity", out _), errors.ToString());
    }

    [Fact]
    public async Task Valid_request_passes_validation()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/widgets", new { name = "bolt", quantity = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.StartsWith("https://", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }
}

public sealed record NewWidget([property: Required, MinLength(1)] string Name, [property: Range(1, 100)] int Quantity);
