namespace Mart.Messaging;

/// <summary>Stream naming: one stream per producing service, dead letters beside it.</summary>
public static class StreamNames
{
    /// <summary>Products' stream.</summary>
    public const string Products = "mart.products";

    /// <summary>Orders' stream.</summary>
    public const string Orders = "mart.orders";

    /// <summary>Payments' stream.</summary>
    public const string Payments = "mart.payments";

    /// <summary>Market's stream.</summary>
    public const string Market = "mart.market";

    /// <summary>The stream a service publishes to: <c>mart.&lt;service&gt;</c>.</summary>
    public static string ForService(string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        return "mart." + serviceName;
    }

    /// <summary>Where a stream's dead letters go: <c>&lt;stream&gt;.dlq</c>.</summary>
    public static string DeadLetters(string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        return stream + ".dlq";
    }
}
