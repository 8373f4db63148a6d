using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>
/// JwtBearer's token handler, remembering the tokens it found valid: a client sends the same token with every call
/// until it expires, and checking its RSA signature each time was the larger part of token validation in a profile
/// of Orders under load. A remembered token is kept no longer than its expiry nor than <see cref="MaxAge"/> (so a
/// key identity withdraws stops being trusted within that time); refused tokens are never remembered.
/// </summary>
public sealed class RememberingTokenHandler : JsonWebTokenHandler, IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private const int MaxTokens = 10_000;

    private readonly TimeProvider _time;
    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public RememberingTokenHandler(TimeProvider time)
    {
        _time = time;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out Remembered? remembered) && _time.GetUtcNow() < remembered!.Until)
        {
            // Each request gets its own identity: code downstream may add claims to it.
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = remembered.Identity.Clone(),
                SecurityToken = remembered.Token,
                Issuer = remembered.Token.Issuer,
                TokenType = remembered.Token.Typ,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
        {
            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            var until = _time.GetUtcNow() + MaxAge < expires ? _time.GetUtcNow() + MaxAge : expires;
            _valid.Set(token, new Remembered(identity.Clone(), jwt, until), new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
        }

        return result;
    }

    public void Dispose() => _valid.Dispose();

    private sealed record Remembered(System.Security.Claims.ClaimsIdentity Identity, JsonWebToken Token, DateTimeOffset Until);
}
