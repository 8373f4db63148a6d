using Microsoft.IdentityModel.Tokens;

namespace Mart.Identity.Keys;

/// <summary>The signing and encryption keys loaded from the database at start; OpenIddict's options read them.</summary>
public sealed class ServerKeyRing
{
    private SecurityKey? signing;
    private SecurityKey? encryption;

    public SecurityKey Signing => signing ?? throw NotLoaded();

    public SecurityKey Encryption => encryption ?? throw NotLoaded();

    internal void Load(SecurityKey signingKey, SecurityKey encryptionKey) => (signing, encryption) = (signingKey, encryptionKey);

    private static InvalidOperationException NotLoaded() =>
        new("The server keys are read at start, before the first request; they are not loaded yet.");
}
