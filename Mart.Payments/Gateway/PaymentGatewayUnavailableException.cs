namespace Mart.Payments.Gateway;

/// <summary>
/// The gateway could not answer now (outage, timeout, overload); the same call may succeed later. When
/// <paramref name="outcomeUnknown"/> is false the gateway did nothing (it refused before acting); when true the request
/// may have been acted on (no answer in time, the connection lost after sending), so the outcome must be asked for.
/// </summary>
public sealed class PaymentGatewayUnavailableException(string message, Exception? innerException = null, bool outcomeUnknown = false)
    : Exception(message, innerException)
{
    /// <summary>True when the call may have gone through although no answer came back.</summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
