using System.Buffers.Text;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Mart.Tests.EndToEnd.OrderFlow;
using Mart.Tests.Infrastructure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Mart.Tests.EndToEnd.Access;

/// <summary>
/// Tokens made by the test with the identity service's own signing key (read from its database), each wrong in one
/// way: the API refuses every one with 401, while the same token made right is accepted, so each refusal is that
/// one check's.
/// </summary>
[Collection("orderflow")]
public sealed class TokenForgeryTests(OrderFlowFixture fixture)
{
    private OrderFlowClient Client => fixture.Client;

    [Fact]
    public async Task A_token_made_right_with_identitys_key_is_accepted()
    {
        var key = await SigningKeyAsync();

        using var response = await CallOrdersAsync(Make(key, Issuer(), "orders"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var key = await SigningKeyAsync();

        using var response = await CallOrdersAsync(Make(key, "http://evil.example/", "orders"));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var key = await SigningKeyAsync();

        using var response = await CallOrdersAsync(Make(key, Issuer(), "payments"));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task An_identity_token_is_not_an_access_token()
    {
        var key = await SigningKeyAsync();
        var descriptor = Descriptor(key, Issuer(), "orders");
        descriptor.TokenType = "JWT";

        using var response = await CallOrdersAsync(new JsonWebTokenHandler().CreateToken(descriptor));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var key = await SigningKeyAsync();

        using var response = await CallOrdersAsync(Make(key, Issuer(), "orders", expires: DateTime.UtcNow.AddMinutes(-5)));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var key = await SigningKeyAsync();
        var right = Make(key, Issuer(), "orders");
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));

        using var response = await CallOrdersAsync($"{header}.{right.Split('.')[1]}.");

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_same_key_id_is_refused()
    {
        var key = await SigningKeyAsync();
        using var other = RSA.Create(2048);

        using var response = await CallOrdersAsync(Make(new RsaSecurityKey(other) { KeyId = key.KeyId }, Issuer(), "orders"));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_token_signed_with_the_public_key_as_an_hmac_secret_is_refused()
    {
        var key = await SigningKeyAsync();
        var publicKey = ((RsaSecurityKey)key).Rsa.ExportSubjectPublicKeyInfo();

        using var response = await CallOrdersAsync(Make(new SymmetricSecurityKey(publicKey) { KeyId = key.KeyId }, Issuer(), "orders", SecurityAlgorithms.HmacSha256));

        await AssertRefusedAsync(response);
    }

    private async Task<HttpResponseMessage> CallOrdersAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Authorization = new("Bearer", token);
        return await Client.Orders.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    /// <summary>The issuer the real tokens carry.</summary>
    private string Issuer() => JwtClaims.Read(Client.Customer.AccessToken).String("iss")!;

    private string Make(SecurityKey key, string issuer, string audience, string algorithm = SecurityAlgorithms.RsaSha256, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(Descriptor(key, issuer, audience, algorithm, expires));

    private SecurityTokenDescriptor Descriptor(SecurityKey key, string issuer, string audience, string algorithm = SecurityAlgorithms.RsaSha256, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", Client.Customer.Id), new Claim("scope", "orders"), new Claim("role", "customer")]),
            NotBefore = (expires ?? now.AddMinutes(10)).AddMinutes(-20),
            IssuedAt = (expires ?? now.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
    }

    private async Task<SecurityKey> SigningKeyAsync()
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key_id, private_key FROM server_keys WHERE use = 'signing'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "identity has no signing key in its database");
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey((byte[])reader[1], out _);
        return new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) };
    }
}
