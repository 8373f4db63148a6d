namespace Mart.Orders.Catalog;

/// <summary>Products could not be asked for prices (down, timing out, failing); the caller answers 503.</summary>
/// <param name="transient">The failure may pass by itself (a 5xx answer), so asking again is worth it.</param>
public sealed class CatalogUnavailableException(string message, Exception? innerException = null, bool transient = false)
    : Exception(message, innerException)
{
    public CatalogUnavailableException(string message, bool transient)
        : this(message, null, transient)
    {
    }

    public bool Transient { get; } = transient;
}
