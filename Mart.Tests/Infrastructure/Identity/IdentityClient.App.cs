namespace Mart.Tests.Infrastructure.Identity;

/// <summary>The token client's helpers that read a running application: its identity resource and generated secrets.</summary>
public sealed partial class IdentityClient
{
    public const string AdminPasswordParameter = "identity-admin-password";

    /// <summary>A client for the identity resource (or a second instance of it) of a running application.</summary>
    public static IdentityClient For(DistributedApplication app, string resource = "identity") => new(app.GetEndpoint(resource, "http"));

    /// <summary>The seeded administrator's tokens; the password is the application's generated parameter.</summary>
    public async Task<Tokens> AdminAsync(DistributedApplication app, params string[] scopes) =>
        await SignInAsync(AdminEmail, await AdminPasswordAsync(app), scopes.Length > 0 ? scopes : ["openid", "email", "roles", "offline_access", "catalog", "payments", "orders"]);

    public static Task<string> AdminPasswordAsync(DistributedApplication app) => ParameterAsync(app, AdminPasswordParameter);

    /// <summary>The generated secret of a service's confidential client (the parameter <c>{clientId}-identity-secret</c>).</summary>
    public static Task<string> ClientSecretAsync(DistributedApplication app, string clientId) => ParameterAsync(app, $"{clientId}-identity-secret");

    private static async Task<string> ParameterAsync(DistributedApplication app, string name)
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(resource => resource.Name == name);
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException($"The parameter '{name}' has no value.");
    }
}
