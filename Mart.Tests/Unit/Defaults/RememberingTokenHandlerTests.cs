using System.Security.Claims;
using System.Security.Cryptography;
using Mart.ServiceDefaults.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mart.Tests.Unit.Defaults;

/// <summary>The APIs' token handler remembers valid tokens, never refused ones, and never past their expiry.</summary>
public sealed class RememberingTokenHandlerTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RememberingTokenHandler _handler = new(TimeProvider.System);

    public void Dispose()
    {
        _handler.Dispose();
        _rsa.Dispose();
    }

    [Fact]
    public async Task A_remembered_token_gives_each_request_its_own_identity()
    {
        var token = Make(DateTime.UtcNow.AddMinutes(5));

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());
        second.ClaimsIdentity.AddClaim(new Claim("added", "by a request"));
        var third = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid && second.IsValid && third.IsValid);
        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.Equal("customer-1", third.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered()
    {
        var token = Make(DateTime.UtcNow.AddMinutes(5));
        var otherKey = Parameters();
        otherKey.IssuerSigningKey = new RsaSecurityKey(RSA.Create(2048));

        var refused = await _handler.ValidateTokenAsync(token, otherKey);
        var accepted = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.False(refused.IsValid);
        Assert.True(accepted.IsValid);
    }

    [Fact]
    public async Task A_token_is_not_remembered_past_its_expiry()
    {
        var token = Make(DateTime.UtcNow.AddSeconds(2));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "http://identity",
        ValidAudience = "orders",
        IssuerSigningKey = new RsaSecurityKey(_rsa),
        ClockSkew = TimeSpan.Zero,
    };

    private string Make(DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "http://identity",
        Audience = "orders",
        Subject = new ClaimsIdentity([new Claim("sub", "customer-1")]),
        NotBefore = expires.AddMinutes(-10),
        IssuedAt = expires.AddMinutes(-10),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256),
    });
}
