using System.Net;
using System.Net.Sockets;
using Mart.ServiceDefaults.Authentication;
using Mart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace Mart.Tests.Integration.Authentication;

/// <summary>
/// An API on Kestrel with the service defaults' authentication whose identity service does not answer: a token cannot
/// be judged, so the caller is told to come back (503 with Retry-After), not that its token is bad.
/// </summary>
public sealed class IdentityUnreachableTests
{
    [Fact]
    public async Task A_token_that_cannot_be_checked_answers_503_and_no_token_still_answers_401()
    {
        await using var app = await StartApiAsync(identityUrl: $"http://127.0.0.1:{FreePort()}");
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/private");
        withToken.Headers.Authorization = new("Bearer", "eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.c2ln");
        using var unreachable = await http.SendAsync(withToken);
        using var anonymous = await http.GetAsync("/private");

        await ProblemAssert.IsAsync(unreachable, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(unreachable.Headers.RetryAfter);
        await ProblemAssert.IsAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    private static async Task<WebApplication> StartApiAsync(string identityUrl)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Identity:Url"] = identityUrl;
        builder.AddServiceDefaults();
        builder.AddDefaultAuthentication(audience: "test");
        var app = builder.Build();
        app.MapGet("/private", () => "secret").RequireAccess(AccessPolicies.AnyCaller("orders"));
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
