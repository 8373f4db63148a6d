namespace Mart.ServiceDefaults.Authentication;

/// <summary>
/// This service's own access token for one scope (client credentials), reused until a minute before it expires and
/// fetched by one caller at a time.
/// </summary>
internal sealed class ServiceTokenCache(ClientCredentialsClient client, TimeProvider time, string scope) : IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile Token? _token;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } current && time.GetUtcNow() < current.RenewAt)
        {
            return current.Value;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fetched && time.GetUtcNow() < fetched.RenewAt)
            {
                return fetched.Value;
            }

            var (token, expiresIn) = await client.RequestAsync(scope, cancellationToken);
            _token = new Token(token, time.GetUtcNow() + expiresIn - RenewBefore);
            return token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>The callee refused the token (revoked, or a key it no longer trusts): the next call fetches another.</summary>
    public void Drop(string token)
    {
        if (_token?.Value == token)
        {
            _token = null;
        }
    }

    public void Dispose() => _fetching.Dispose();

    private sealed record Token(string Value, DateTimeOffset RenewAt);
}
