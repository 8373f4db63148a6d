namespace Mart.AppHost;

/// <summary>
/// Wiring for the identity service: its issuer, the seeded admin's password, the services that validate its tokens
/// and the clients they sign in as. Secrets are generated once and kept in the AppHost's user secrets (run mode).
/// </summary>
public static class MartIdentityBuilderExtensions
{
    public const string AdminPasswordParameter = "identity-admin-password";

    /// <summary>The public client every API's Swagger UI signs in with (besides scripts, on a loopback redirect).</summary>
    public const string CliClientId = "mart-cli";

    // Index 0 of mart-cli's redirect URIs is identity's own appsettings entry (the loopback one); the APIs' follow it.
    private const int FirstApiRedirectIndex = 1;

    /// <summary>Tokens name identity's own endpoint as issuer, so they follow random test ports and the deployment's URL.</summary>
    public static IResourceBuilder<ProjectResource> WithIssuer(this IResourceBuilder<ProjectResource> identity) =>
        identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"));

    /// <summary>The password of <c>admin@mart.local</c>: the secret parameter <see cref="AdminPasswordParameter"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithAdminPassword(this IResourceBuilder<ProjectResource> identity)
    {
        var password = identity.ApplicationBuilder.AddParameter(
            AdminPasswordParameter,
            new GenerateParameterDefault { MinLength = 22, MinLower = 1, MinUpper = 1, MinNumeric = 1, MinSpecial = 1 },
            secret: true,
            persist: true);
        return identity.WithEnvironment("Identity__Admin__Password", password);
    }

    /// <summary>
    /// A service that validates identity's tokens: it waits for identity and gets its URL as <c>Identity__Url</c>;
    /// its Swagger UI's redirect URI is registered for <see cref="CliClientId"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentity(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity)
    {
        var index = FirstApiRedirectIndex + identity.Resource.Annotations.OfType<IdentityApiAnnotation>().Count();
        identity.WithAnnotation(new IdentityApiAnnotation(service.Resource));
        identity.WithEnvironment(
            $"Identity__Clients__{CliClientId}__RedirectUris__{index}",
            ReferenceExpression.Create($"{service.GetEndpoint("http")}/swagger/oauth2-redirect.html"));

        return service.WithReference(identity).WaitFor(identity)
            .WithEnvironment("Identity__Url", identity.GetEndpoint("http"));
    }

    /// <summary>
    /// A confidential client named after the service, for client credentials with <paramref name="scopes"/>; its
    /// secret is the parameter <c>{service}-identity-secret</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentityClient(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity, params string[] scopes)
    {
        var clientId = service.Resource.Name;
        var secret = service.ApplicationBuilder.AddParameter(
            $"{clientId}-identity-secret",
            new GenerateParameterDefault { MinLength = 32, Special = false },
            secret: true,
            persist: true);

        identity.WithEnvironment($"Identity__Clients__{clientId}__Secret", secret);
        for (var i = 0; i < scopes.Length; i++)
        {
            identity.WithEnvironment($"Identity__Clients__{clientId}__Scopes__{i}", scopes[i]);
        }

        return service.WithEnvironment("Identity__ClientId", clientId)
            .WithEnvironment("Identity__ClientSecret", secret);
    }

    /// <summary>Marks identity with each API that validates its tokens (numbering their redirect URIs).</summary>
    private sealed record IdentityApiAnnotation(IResource Api) : IResourceAnnotation;
}
