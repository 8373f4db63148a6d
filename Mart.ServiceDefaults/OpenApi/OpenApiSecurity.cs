using Mart.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Mart.ServiceDefaults.OpenApi;

/// <summary>
/// Declares how to get a token from Mart's identity service (OAuth2 authorization code with PKCE, client credentials,
/// or a bearer token at hand), and on each operation the scope it needs, read from the endpoint's policy; operations
/// open to anyone carry an empty security list.
/// </summary>
internal static class OpenApiSecurity
{
    public const string OAuth2 = "oauth2";
    public const string Bearer = "bearer";

    private static readonly Dictionary<string, string> Scopes = new()
    {
        ["openid"] = "Sign in (OpenID Connect).",
        ["profile"] = "The user's profile.",
        ["email"] = "The user's email address.",
        ["roles"] = "The user's roles (customer, admin).",
        ["offline_access"] = "A refresh token.",
        ["orders"] = "A customer's own orders (Orders API).",
        ["catalog"] = "Catalog and stock changes: staff and services (Products API).",
        ["payments"] = "Payments and refunds: staff and services (Payments API).",
    };

    public static Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var identity = context.ApplicationServices.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;
        var issuer = new Uri(identity.ExpectedIssuer.TrimEnd('/') + "/", UriKind.Absolute);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Mart's identity service. People: authorization code with PKCE (public client `mart-cli`). Services and integrations: client credentials.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(issuer, "connect/authorize"),
                    TokenUrl = new Uri(issuer, "connect/token"),
                    RefreshUrl = new Uri(issuer, "connect/token"),
                    Scopes = new Dictionary<string, string>(Scopes),
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(issuer, "connect/token"),
                    Scopes = Scopes.Where(s => s.Key is "orders" or "catalog" or "payments").ToDictionary(),
                },
            },
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from Mart's identity service.",
        };
        return Task.CompletedTask;
    }

    public static Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (policies.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        var scopes = policies.SelectMany(p => p.Requirements).OfType<ScopeRequirement>().Select(r => r.Scope).Distinct().ToList();
        var who = string.Join("; ", policies.SelectMany(p => p.Requirements).OfType<CallerRequirement>().Select(r => r.Who).Distinct());
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2, context.Document)] = scopes },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
        ];
        if (who.Length > 0)
        {
            operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : " ")}Callers: {who}, with the scope {string.Join(", ", scopes)}.";
        }

        return Task.CompletedTask;
    }
}
