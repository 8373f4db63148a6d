namespace Mart.Tests.Infrastructure.Identity;

/// <summary>
/// Tokens from the application's own identity service for the callers the tests play: the seeded admin (every API
/// scope), new customers (registered and signed in as a native client would, with PKCE), and service clients.
/// </summary>
public sealed class MartCallers(DistributedApplication app) : IDisposable
{
    /// <summary>A client the test models register with identity, granted every API scope, for the service-client rules.</summary>
    public const string TestServiceClient = "mart-tests";

    public const string TestServiceSecret = "mart-tests-secret-not-for-production";

    public static readonly string[] ApiScopes = ["orders", "catalog", "payments"];

    private readonly IdentityClient _identity = IdentityClient.For(app);
    private readonly SemaphoreSlim _adminOnce = new(1, 1);
    private Caller? _admin;

    public IdentityClient Identity => _identity;

    /// <summary>Registers <see cref="TestServiceClient"/> with the identity service of a test model.</summary>
    public static void RegisterTestClient(IDistributedApplicationTestingBuilder builder)
    {
        var variables = ApiScopes.Select((scope, i) => ($"Identity__Clients__{TestServiceClient}__Scopes__{i}", scope))
            .Prepend(($"Identity__Clients__{TestServiceClient}__Secret", TestServiceSecret));
        MartTestApp.Environment(builder, "identity", [.. variables]);
    }

    /// <summary>The seeded admin, signed in once per application.</summary>
    public async Task<Caller> AdminAsync()
    {
        await _adminOnce.WaitAsync();
        try
        {
            return _admin ??= new Caller((await _identity.AdminAsync(app)).AccessToken);
        }
        finally
        {
            _adminOnce.Release();
        }
    }

    /// <summary>A customer nobody else uses, so their orders are theirs alone (scope <c>orders</c> unless given).</summary>
    public async Task<Caller> NewCustomerAsync(params string[] scopes)
    {
        var (_, tokens) = await _identity.CustomerAsync(scopes);
        return new Caller(tokens.AccessToken);
    }

    /// <summary>The test client's token by client credentials.</summary>
    public async Task<Caller> ServiceAsync(params string[] scopes) =>
        new((await _identity.ClientCredentialsAsync(TestServiceClient, TestServiceSecret, scopes)).AccessToken);

    public void Dispose()
    {
        _identity.Dispose();
        _adminOnce.Dispose();
    }
}
