namespace Mart.Hosting;

/// <summary>A problem with the application model or its machine that a person has to fix; the message says how.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
