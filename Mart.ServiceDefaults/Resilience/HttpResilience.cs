namespace Mart.ServiceDefaults.Resilience;

/// <summary>Per-request switches for the standard pipeline.</summary>
public static class HttpResilience
{
    /// <summary>
    /// Overrides whether a request may be sent again after a transient failure. Without it, idempotent methods
    /// (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) and requests carrying an <c>Idempotency-Key</c> header are retried;
    /// other requests only when the connection failed before anything was sent.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> AllowRetries = new("Mart.Resilience.AllowRetries");

    /// <summary>Marks the request as safe (or not) to send again; see <see cref="AllowRetries"/>.</summary>
    public static HttpRequestMessage SetAllowRetries(this HttpRequestMessage request, bool allow)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(AllowRetries, allow);
        return request;
    }
}
