using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Mart.Identity.Clients;

/// <summary>OpenIddict's application manager, letting a registered loopback redirect URI match on any port
/// (<see cref="LoopbackRedirectUris"/>); every other redirect URI must match exactly.</summary>
public sealed class LoopbackApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store) where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }

        var registered = await GetRedirectUrisAsync(application, cancellationToken);
        return registered.Any(candidate => LoopbackRedirectUris.Matches(candidate, uri));
    }
}
