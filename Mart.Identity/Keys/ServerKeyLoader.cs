using System.Security.Cryptography;
using Mart.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Mart.Identity.Keys;

/// <summary>
/// Reads the server's keys from <c>server_keys</c> before the server takes requests, creating any that is missing.
/// Replicas starting together both try to insert; the first insert wins and every replica reads the winner's key.
/// </summary>
internal sealed partial class ServerKeyLoader(
    IServiceScopeFactory scopes, ServerKeyRing ring, TimeProvider timeProvider, ILogger<ServerKeyLoader> logger) : IHostedService
{
    private const string SigningUse = "signing";
    private const string EncryptionUse = "encryption";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MartIdentityDbContext>();
        var signing = await LoadOrCreateAsync(db, SigningUse, cancellationToken);
        var encryption = await LoadOrCreateAsync(db, EncryptionUse, cancellationToken);
        ring.Load(signing, encryption);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<SecurityKey> LoadOrCreateAsync(MartIdentityDbContext db, string use, CancellationToken cancellationToken)
    {
        using var candidate = RSA.Create(2048);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO server_keys (use, key_id, private_key, created_at) VALUES ({use}, {keyId}, {candidate.ExportPkcs8PrivateKey()}, {timeProvider.GetUtcNow()}) ON CONFLICT (use) DO NOTHING",
            cancellationToken);
        if (inserted == 1)
        {
            LogKeyCreated(logger, use, keyId);
        }

        var stored = await db.ServerKeys.AsNoTracking().SingleAsync(key => key.Use == use, cancellationToken);
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(stored.PrivateKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = stored.KeyId };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the server's {Use} key {KeyId}.")]
    private static partial void LogKeyCreated(ILogger logger, string use, string keyId);
}
