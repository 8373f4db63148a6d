namespace Mart.Orders.Catalog;

/// <summary>Products could not be asked for prices (down, timing out, failing); the caller answers 503.</summary>
public sealed class CatalogUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
