using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.EndToEnd.OrderFlow;

namespace Mart.Tests.EndToEnd.Access;

/// <summary>
/// What each API's Swagger UI needs to sign in with <c>mart-cli</c>: the document points at identity, identity takes
/// the UI's redirect URI, lets the UI's origin call its token endpoint, and the token it gives works on the API.
/// </summary>
[Collection("orderflow")]
public sealed class ApiUiSignInTests(OrderFlowFixture fixture)
{
    [Theory]
    [InlineData("products")]
    [InlineData("orders")]
    [InlineData("payments")]
    public async Task The_document_names_identitys_endpoints_and_each_operations_scheme(string service)
    {
        using var http = fixture.App.CreateHttpClient(service);
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var identity = fixture.App.GetEndpoint("identity", "http").GetLeftPart(UriPartial.Authority);

        var flows = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("flows");
        Assert.Equal($"{identity}/connect/authorize", flows.GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString());
        Assert.Equal($"{identity}/connect/token", flows.GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()).ToList();
        Assert.All(operations, operation => Assert.True(operation.Value.TryGetProperty("security", out _), $"{service} {operation.Name}: no security stated"));
    }

    [Fact]
    public async Task Signing_in_from_the_products_api_ui_gives_a_token_that_changes_the_catalog()
    {
        var ui = fixture.App.GetEndpoint("products", "http");
        var redirectUri = new Uri(ui, "/swagger/oauth2-redirect.html").ToString();
        using var identity = IdentityClient.For(fixture.App);
        using var session = new IdentitySession(identity.Address);
        var pkce = Pkce.Create();

        var code = await IdentityClient.AuthorizeAsync(
            session, IdentityClient.AdminEmail, await IdentityClient.AdminPasswordAsync(fixture.App), ["openid", "catalog"], redirectUri, pkce);
        var tokens = await identity.RedeemCodeAsync(code, redirectUri, pkce.Verifier);

        using var products = fixture.App.CreateHttpClient("products");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/products")
        {
            Content = JsonContent.Create(new { sku = "UI-" + Guid.NewGuid().ToString("N"), name = "From the API UI", price = 3.5m, currency = "EUR", onHand = 1 }),
        };
        create.Headers.Authorization = new("Bearer", tokens.AccessToken);
        using var created = await products.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task The_api_uis_origin_may_call_the_token_endpoint_and_another_origin_may_not()
    {
        var origin = fixture.App.GetEndpoint("orders", "http").GetLeftPart(UriPartial.Authority);
        using var identity = IdentityClient.For(fixture.App);

        using var allowed = await PreflightAsync(identity.Http, origin);
        using var refused = await PreflightAsync(identity.Http, "http://evil.example");

        Assert.Equal(origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient identity, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/connect/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return identity.SendAsync(request);
    }
}
