using Mart.Data;
using Mart.Identity.Accounts;
using Mart.Identity.Clients;
using Mart.Identity.Data;
using Mart.Identity.Domain;
using Mart.Identity.Keys;
using Mart.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Extensions;

/// <summary>Everything identity registers besides the service defaults.</summary>
public static class IdentityServiceExtensions
{
    /// <summary>Cookies and antiforgery tokens from one replica are read by the others.</summary>
    public const string DataProtectionApplicationName = "Mart.Identity";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MartIdentityDbContext>("identitydb");
        builder.Services.AddValidatedOptions<IdentitySettings>(IdentitySettings.SectionName);

        builder.Services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddEntityFrameworkStores<MartIdentityDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<IdentitySettings>>((options, settings) =>
        {
            options.Lockout.MaxFailedAccessAttempts = settings.Value.Lockout.MaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = settings.Value.Lockout.Duration;
        });
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/account/signin";
        });

        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<MartIdentityDbContext>();

        builder.AddOpenIddictServer();
        builder.Services.AddRazorPages();
        builder.Services.AddScoped<CustomerAccounts>();
        builder.AddPasswordLimits();
        builder.Services.AddBrowserClientOrigins();

        // In this order, after the migrations: keys before the first request, then clients and the admin.
        builder.Services.AddSingleton<ServerKeyRing>();
        builder.Services.AddHostedService<ServerKeyLoader>();
        builder.Services.AddHostedService<ClientRegistrations>();
        builder.Services.AddHostedService<AdminAccount>();
        return builder;
    }

    private static void AddOpenIddictServer(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<MartIdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");

                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();
                server.RegisterScopes([.. ApiScopes.All]);

                // Standard JwtBearer validation in the APIs reads the access tokens; codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();

                // A redeemed refresh token is refused at once (no leeway): a replayed one is a stolen one.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (development)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<ServerKeyRing, IOptions<IdentitySettings>>((server, keys, settings) =>
        {
            server.Issuer = settings.Value.Issuer;

            // PKCE with S256 only: a plain challenge is the verifier itself, readable by whoever sees the request.
            server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            server.AccessTokenLifetime = settings.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = settings.Value.RefreshTokenLifetime;
            server.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }
}
