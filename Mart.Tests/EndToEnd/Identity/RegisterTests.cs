using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mart.Tests.EndToEnd.Identity;

[Collection("identity")]
public sealed class RegisterTests(IdentityFixture fixture)
{
    [Fact]
    public async Task Register_creates_a_customer_and_answers_its_id_and_email()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        using var response = await fixture.Client.PostRegisterAsync(new { email, password = "Correct-Horse-9" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
    }

    [Theory]
    [InlineData("not-an-email", "Correct-Horse-9", "email")]
    [InlineData("", "Correct-Horse-9", "email")]
    [InlineData("ok@example.com", "short", "password")]
    [InlineData("ok@example.com", "alllowercaseletters", "password")]
    public async Task Register_refuses_a_bad_field_naming_it(string email, string password, string field)
    {
        using var response = await fixture.Client.PostRegisterAsync(new { email, password });

        await ProblemAssert.InvalidAsync(response, field);
    }

    [Fact]
    public async Task Register_answers_409_for_an_email_already_registered()
    {
        var account = await fixture.Client.RegisterCustomerAsync();

        using var again = await fixture.Client.PostRegisterAsync(new { email = account.Email.ToUpperInvariant(), password = "Another-Pass-7" });

        await ProblemAssert.IsAsync(again, HttpStatusCode.Conflict);
    }
}
