using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Tests.Unit.Defaults;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Document_describes_the_service_endpoints_but_not_the_probes()
    {
        await using var app = await DefaultsTestApp.StartAsync(MapWidgets);
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(OpenApiExtensions.DocumentPath);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/widgets/{id}", out var widget), paths.ToString());
        Assert.True(widget.GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        Assert.False(paths.TryGetProperty("/health", out _));
        Assert.False(paths.TryGetProperty("/alive", out _));
    }

    [Fact]
    public async Task Swagger_UI_points_at_the_document_in_Development()
    {
        await using var app = await DefaultsTestApp.StartAsync(MapWidgets, environment: "Development");
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");
        var script = await client.GetStringAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(OpenApiExtensions.DocumentPath, script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_UI_is_absent_outside_Development()
    {
        await using var app = await DefaultsTestApp.StartAsync(MapWidgets);
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    private static void MapWidgets(WebApplication app) =>
        app.MapGet("/widgets/{id}", Results<Ok<string>, NotFound> (int id) =>
            id == 1 ? TypedResults.Ok("bolt") : TypedResults.NotFound());
}
