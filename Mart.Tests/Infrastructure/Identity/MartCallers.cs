namespace Mart.Tests.Infrastructure.Identity;

/// <summary>
/// Tokens from the application's own identity service for the callers the tests play: the seeded admin (every API
/// scope), new customers (registered and signed in as a native client would, with PKCE), and service clients.
/// </summary>
public sealed class MartCallers(DistributedApplication app) : IDisposable
{
    /// <summary>A client the test model registers with identity, granted every API scope, for the service-client rules.</summary>
    public const string TestServiceClient = "mart-tests";

    public const string TestServiceSecret = "mart-tests-secret-not-for-production";

    public const string AllApiScopes = "orders catalog payments";

    private readonly IdentityClient _identity = new(app.CreateHttpClient("identity"));
    private readonly SemaphoreSlim _adminOnce = new(1, 1);
    private Caller? _admin;

    public IdentityClient Identity => _identity;

    /// <summary>Test models register <see cref="TestServiceClient"/> with identity.</summary>
    public static void RegisterTestClient(IDistributedApplicationTestingBuilder builder) =>
        MartTestApp.Environment(
            builder,
            "identity",
            ($"Identity__Clients__{TestServiceClient}__Secret", TestServiceSecret),
            ($"Identity__Clients__{TestServiceClient}__Scopes__0", "orders"),
            ($"Identity__Clients__{TestServiceClient}__Scopes__1", "catalog"),
            ($"Identity__Clients__{TestServiceClient}__Scopes__2", "payments"));

    /// <summary>The seeded admin, signed in once per application.</summary>
    public async Task<Caller> AdminAsync()
    {
        await _adminOnce.WaitAsync();
        try
        {
            return _admin ??= new Caller((await _identity.SignInAsync(IdentityClient.AdminEmail, await AdminPasswordAsync(), AllApiScopes)).AccessToken);
        }
        finally
        {
            _adminOnce.Release();
        }
    }

    /// <summary>A customer nobody else uses, so their orders are theirs alone.</summary>
    public async Task<Caller> NewCustomerAsync(string scopes = "orders")
    {
        var (email, password) = await _identity.RegisterCustomerAsync();
        return new Caller((await _identity.SignInAsync(email, password, scopes)).AccessToken);
    }

    public async Task<Caller> ServiceAsync(string scopes, string clientId = TestServiceClient, string secret = TestServiceSecret) =>
        new((await _identity.ClientCredentialsAsync(clientId, secret, scopes)).AccessToken);

    private async Task<string> AdminPasswordAsync()
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "identity-admin-password");
        return (await parameter.GetValueAsync(default))!;
    }

    public void Dispose()
    {
        _identity.Dispose();
        _adminOnce.Dispose();
    }
}
