using Mart.ServiceDefaults.Configuration;
using Mart.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>Bearer tokens from Mart's identity service, validated the same way by every API.</summary>
public static class AuthenticationExtensions
{
    /// <summary>
    /// JwtBearer against the identity service at <c>Identity:Url</c>: signature by its published keys (RS256 only),
    /// issuer, lifetime and the <paramref name="audience"/> this API is (<c>products</c>, <c>orders</c>...), claims
    /// under the names the token gives them. Endpoints then say who may call them with <see cref="AccessPolicies"/>.
    /// </summary>
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder, string audience) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);

        builder.Services.AddValidatedOptions<IdentityProviderOptions>(IdentityProviderOptions.SectionName);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<RememberingTokenHandler>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityProviderOptions>, RememberingTokenHandler>((options, identity, handler) => Configure(options, identity.Value, audience, handler));

        builder.Services.AddAuthorization();
        builder.Services.Configure<OpenApiOptions>(OpenApiExtensions.DocumentName, options => options
            .AddDocumentTransformer(OpenApiSecurity.TransformDocumentAsync));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, InsufficientAccessAnswer>();
        return builder;
    }

    private static void Configure(JwtBearerOptions options, IdentityProviderOptions identity, string audience, RememberingTokenHandler handler)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.Authority = identity.Url;
        // Inside the application identity is reached over the platform's private network, often plain http; what
        // a token proves still rests on its signature and issuer.
        options.RequireHttpsMetadata = false;
        options.MapInboundClaims = false;
        // Keys are read again at this pace, and at once when a token names a key not seen yet (a rotation).
        options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // "http://identity" and "http://identity/" name the same issuer; tokens carry the form identity configured.
            ValidIssuers = [identity.ExpectedIssuer.TrimEnd('/'), identity.ExpectedIssuer.TrimEnd('/') + "/"],
            ValidAudience = audience,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // Access tokens only (RFC 9068): an identity token, also signed by identity, is not one.
            ValidTypes = ["at+jwt"],
            NameClaimType = CallerClaims.Subject,
            RoleClaimType = CallerClaims.Role,
            ClockSkew = identity.ClockSkew,
        };
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = IdentityUnreachableAnswer.OnAuthenticationFailedAsync,
            OnChallenge = IdentityUnreachableAnswer.OnChallengeAsync,
        };
    }
}
