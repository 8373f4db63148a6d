namespace Mart.Products.Reconciliation;

/// <summary>Orders could not say where an order stands (down, timing out, failing, an answer without a status).</summary>
public sealed class OrdersUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
