using Mart.Identity.Data;
using Mart.Identity.Domain;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mart.Identity.Clients;

/// <summary>
/// Creates or updates each configured client at start; replicas starting together take turns (<see cref="SeedingLock"/>).
/// </summary>
internal sealed partial class ClientRegistrations(
    IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, ILogger<ClientRegistrations> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var seeding = await SeedingLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<MartIdentityDbContext>(), cancellationToken);
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, client) in settings.Value.Clients)
        {
            var descriptor = Describe(clientId, client);
            if (await manager.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await manager.CreateAsync(descriptor, cancellationToken);
                LogCreated(logger, clientId);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Describe(string clientId, ClientSettings client)
    {
        var confidential = !string.IsNullOrEmpty(client.Secret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = confidential ? client.Secret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = confidential ? ApplicationTypes.Web : ApplicationTypes.Native,
            DisplayName = clientId,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation },
        };

        if (confidential)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (client.RedirectUris.Count > 0)
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            // OpenIddict matches a registered loopback redirect URI (http://127.0.0.1/callback) on any port, as RFC 8252
            // §7.3 asks for native clients; host, scheme and path must still be equal.
            descriptor.RedirectUris.UnionWith(client.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
            if (client.Scopes.Contains(Scopes.OfflineAccess))
            {
                descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
            }
        }

        // openid needs no permission; every other scope does.
        descriptor.Permissions.UnionWith(client.Scopes.Where(scope => scope != Scopes.OpenId).Select(scope => Permissions.Prefixes.Scope + scope));
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered client {ClientId}.")]
    private static partial void LogCreated(ILogger logger, string clientId);
}
