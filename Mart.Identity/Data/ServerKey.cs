namespace Mart.Identity.Data;

/// <summary>One of the server's RSA keys (<see cref="Use"/> is <c>signing</c> or <c>encryption</c>), shared by every
/// replica so each validates and redeems the others' tokens.</summary>
public sealed class ServerKey
{
    public required string Use { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The private key, PKCS#8.</summary>
    public required byte[] PrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
