using System.Net;

namespace Mart.Tests.Infrastructure.Identity;

/// <summary>
/// What a native client's embedded user agent does, over plain HTTP: its own cookies, no automatic redirects (each
/// step is looked at), forms read for their hidden inputs and posted back.
/// </summary>
public sealed class IdentitySession : IDisposable
{
    private readonly HttpClient http;
    private readonly CookieContainer cookies = new();

    public IdentitySession(Uri identity)
    {
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = identity,
        };
    }

    public IEnumerable<Cookie> Cookies(Uri site) => cookies.GetCookies(site);

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => http.GetAsync(pathAndQuery);

    /// <summary>Loads the form page, then posts its hidden inputs (antiforgery token, ReturnUrl) with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pagePathAndQuery, params (string Name, string Value)[] fields)
    {
        using var page = await http.GetAsync(pagePathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = HtmlForm.Inputs(await page.Content.ReadAsStringAsync());
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        var action = pagePathAndQuery.Split('?')[0];
        return await http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The <c>Location</c> of a redirect answer, made absolute against identity.</summary>
    public Uri LocationOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect,
            $"Expected a redirect, got {(int)response.StatusCode}.");
        var location = response.Headers.Location ?? throw new InvalidOperationException("A redirect without Location.");
        return location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
    }

    public void Dispose() => http.Dispose();
}
