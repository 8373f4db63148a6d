namespace Mart.Payments.Gateway;

/// <summary>The gateway could not answer now (outage, timeout, overload); the same call may succeed later.</summary>
public sealed class PaymentGatewayUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
